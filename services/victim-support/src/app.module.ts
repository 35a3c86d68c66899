import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@easi/config';
import { ServiceCoreModule } from '@easi/service-kit';
import { IsacReferralModule } from './isac-referrals/isac-referral.module';
import { IsacReferralService } from './isac-referrals/isac-referral.service';
import { serviceDefinition } from './service-definition';
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
          activities: { imports: [IsacReferralModule], inject: [IsacReferralService], useFactory: victimSupportActivities },
        }),
        IsacReferralModule,
      ],
    };
  }
}
