import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@easi/config';
import { ServiceCoreModule } from '@easi/service-kit';
import { InterventionEpisodeModule } from './episodes/intervention-episode.module';
import { InterventionEpisodeService } from './episodes/intervention-episode.service';
import { interventionActivities } from './intervention.activities';
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
          activities: { imports: [InterventionEpisodeModule], inject: [InterventionEpisodeService], useFactory: interventionActivities },
        }),
        InterventionEpisodeModule,
      ],
    };
  }
}
