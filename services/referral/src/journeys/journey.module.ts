import { Module } from '@nestjs/common';
import { AlertRepository } from '../alerts/alert.repository';
import { AlertService } from '../alerts/alert.service';
import { JourneyController } from './journey.controller';
import { JourneyService } from './journey.service';

@Module({
  controllers: [JourneyController],
  providers: [AlertRepository, AlertService, JourneyService],
  exports: [AlertService],
})
export class JourneyModule {}
