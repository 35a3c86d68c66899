import { Module } from '@nestjs/common';
import { InterventionEpisodeController } from './intervention-episode.controller';
import { InterventionEpisodeRepository } from './intervention-episode.repository';
import { InterventionEpisodeService } from './intervention-episode.service';

@Module({
  controllers: [InterventionEpisodeController],
  providers: [InterventionEpisodeRepository, InterventionEpisodeService],
  exports: [InterventionEpisodeService],
})
export class InterventionEpisodeModule {}
