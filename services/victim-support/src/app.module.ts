import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@easi/config';
import { ServiceCoreModule } from '@easi/service-kit';
import { TaskService } from '@easi/tasks';
import { IsacReferralModule } from './isac-referrals/isac-referral.module';
import { IsacReferralService } from './isac-referrals/isac-referral.service';
import { serviceDefinition } from './service-definition';
import { victimSupportTasks } from './tasks';
import { victimSupportActivities } from './victim-support.activities';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot({
          ...serviceDefinition,
          config,
          activities: {
            imports: [IsacReferralModule, victimSupportTasks],
            inject: [IsacReferralService, TaskService],
            useFactory: victimSupportActivities,
          },
        }),
        IsacReferralModule,
        victimSupportTasks,
      ],
    };
  }
}
