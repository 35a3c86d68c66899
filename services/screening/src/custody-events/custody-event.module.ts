import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CustodyEventConsumer } from './custody-event.consumer';
import { CustodyEventController } from './custody-event.controller';
import { OffenceFamilyRepository } from '../offence-families/offence-family.repository';
import { CustodyEventRepository } from './custody-event.repository';
import { CustodyEventService } from './custody-event.service';

@Module({
  imports: [AuditModule],
  controllers: [CustodyEventController],
  providers: [CustodyEventRepository, CustodyEventService, CustodyEventConsumer, OffenceFamilyRepository],
  exports: [CustodyEventService],
})
export class CustodyEventModule {}
