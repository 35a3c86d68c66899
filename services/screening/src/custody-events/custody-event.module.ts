import { Module } from '@nestjs/common';
import { CustodyEventConsumer } from './custody-event.consumer';
import { CustodyEventController } from './custody-event.controller';
import { CustodyEventRepository } from './custody-event.repository';
import { CustodyEventService } from './custody-event.service';

@Module({
  controllers: [CustodyEventController],
  providers: [CustodyEventRepository, CustodyEventService, CustodyEventConsumer],
  exports: [CustodyEventService],
})
export class CustodyEventModule {}
