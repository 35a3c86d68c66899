import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { EligibilityOverrideController } from './eligibility-override.controller';
import { EligibilityOverrideRepository } from './eligibility-override.repository';
import { EligibilityOverrideService } from './eligibility-override.service';
import { screeningTasks } from './eligibility.tasks';

/** Eligibility beyond the task inbox: supervisors' overrides of the rules. */
@Module({
  imports: [screeningTasks, AuditModule],
  controllers: [EligibilityOverrideController],
  providers: [EligibilityOverrideRepository, EligibilityOverrideService],
})
export class EligibilityModule {}
