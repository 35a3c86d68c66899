import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@easi/config';
import { ServiceCoreModule } from '@easi/service-kit';
import { TaskService } from '@easi/tasks';
import { CustodyEventModule } from './custody-events/custody-event.module';
import { CustodyEventService } from './custody-events/custody-event.service';
import { CrimeScreeningModule } from './crime-screening.module';
import { ScreeningRunService } from './daily-screening/screening-run.service';
import { EligibilityModule } from './eligibility/eligibility.module';
import { screeningTasks } from './eligibility/eligibility.tasks';
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
          activities: {
            imports: [CustodyEventModule, CrimeScreeningModule, screeningTasks],
            inject: [CustodyEventService, ScreeningRunService, TaskService],
            useFactory: screeningActivities,
          },
        }),
        CustodyEventModule,
        CrimeScreeningModule,
        screeningTasks,
        EligibilityModule,
      ],
    };
  }
}
