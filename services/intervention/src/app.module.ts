import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@easi/config';
import { ServiceCoreModule } from '@easi/service-kit';
import { TaskService } from '@easi/tasks';
import { InterventionEpisodeModule } from './episodes/intervention-episode.module';
import { InterventionEpisodeService } from './episodes/intervention-episode.service';
import { interventionActivities } from './intervention.activities';
import { serviceDefinition } from './service-definition';
import { interventionTasks } from './tasks';

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
            imports: [InterventionEpisodeModule, interventionTasks],
            inject: [InterventionEpisodeService, TaskService],
            useFactory: interventionActivities,
          },
        }),
        InterventionEpisodeModule,
        interventionTasks,
      ],
    };
  }
}
