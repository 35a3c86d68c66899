import { Module } from '@nestjs/common';
import { AssessmentRepository } from '../assessments/assessment.repository';
import { AuditModule } from '../audit/audit.module';
import { EligibilityOverrideController } from './eligibility-override.controller';
import { EligibilityOverrideRepository } from './eligibility-override.repository';
import { EligibilityOverrideService } from './eligibility-override.service';
import { screeningTasks } from './eligibility.tasks';
import { ScreeningRiskService } from './screening-risk.service';

/** Eligibility beyond the task inbox: supervisors' overrides of the rules, and the risk level from the assessments both paths use. */
@Module({
  imports: [screeningTasks, AuditModule],
  controllers: [EligibilityOverrideController],
  providers: [EligibilityOverrideRepository, EligibilityOverrideService, AssessmentRepository, ScreeningRiskService],
})
export class EligibilityModule {}
