import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@easi/config';
import { ServiceCoreModule } from '@easi/service-kit';
import { CustodyEventModule } from './custody-events/custody-event.module';
import { CustodyEventService } from './custody-events/custody-event.service';
import { CrimeScreeningModule } from './crime-screening.module';
import { ScreeningRunService } from './daily-screening/screening-run.service';
import { screeningActivities } from './screening.activities';
import { serviceDefinition } from './service-definition';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot({
          ...serviceDefinition,
          config,
          activities: { imports: [CustodyEventModule, CrimeScreeningModule], inject: [CustodyEventService, ScreeningRunService], useFactory: screeningActivities },
        }),
        CustodyEventModule,
        CrimeScreeningModule,
      ],
    };
  }
}
