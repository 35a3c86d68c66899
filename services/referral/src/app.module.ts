import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@easi/config';
import { ServiceCoreModule } from '@easi/service-kit';
import { TaskService } from '@easi/tasks';
import { AlertService } from './alerts/alert.service';
import { JourneyModule } from './journeys/journey.module';
import { referralActivities } from './referral-case/referral.activities';
import { ReferralCaseModule } from './referral-case/referral-case.module';
import { ReferralCaseService } from './referral-case/referral-case.service';
import { serviceDefinition } from './service-definition';
import { referralTasks } from './tasks';

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
            imports: [ReferralCaseModule, JourneyModule, referralTasks],
            inject: [ReferralCaseService, AlertService, TaskService],
            useFactory: referralActivities,
          },
        }),
        ReferralCaseModule,
        JourneyModule,
        referralTasks,
      ],
    };
  }
}
