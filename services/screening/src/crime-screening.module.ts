import { Module } from '@nestjs/common';
import { AssessmentController } from './assessments/assessment.controller';
import { AssessmentRepository } from './assessments/assessment.repository';
import { AssessmentService } from './assessments/assessment.service';
import { AuditModule } from './audit/audit.module';
import { BankHolidayController } from './bank-holidays/bank-holiday.controller';
import { BankHolidayModule } from './bank-holidays/bank-holiday.module';
import { BulkBodyParser } from './crime-reports/bulk-body-parser';
import { CrimeReportConsumer } from './crime-reports/crime-report.consumer';
import { CrimeReportController } from './crime-reports/crime-report.controller';
import { CrimeReportRepository } from './crime-reports/crime-report.repository';
import { CrimeReportService } from './crime-reports/crime-report.service';
import { CustodyEventModule } from './custody-events/custody-event.module';
import { ScreeningController } from './daily-screening/screening.controller';
import { ScreeningListService } from './daily-screening/screening-list.service';
import { ScreeningRunRepository } from './daily-screening/screening-run.repository';
import { ScreeningRunService } from './daily-screening/screening-run.service';
import { ScreeningScheduleService } from './daily-screening/screening-schedule.service';
import { OffenceFamilyController } from './offence-families/offence-family.controller';
import { OffenceFamilyRepository } from './offence-families/offence-family.repository';
import { OffenceFamilyService } from './offence-families/offence-family.service';
import { PersonHistoryController } from './people/person-history.controller';
import { PersonHistoryService } from './people/person-history.service';
import { JourneyHandoff } from './review-tasks/journey-handoff';
import { ReviewTaskController } from './review-tasks/review-task.controller';
import { ReviewTaskRepository } from './review-tasks/review-task.repository';
import { ReviewTaskService } from './review-tasks/review-task.service';

/** Crime screening: reports in, offence families, the daily run and its list, review tasks, people's history. */
@Module({
  imports: [AuditModule, CustodyEventModule, BankHolidayModule],
  controllers: [
    CrimeReportController,
    OffenceFamilyController,
    ScreeningController,
    ReviewTaskController,
    PersonHistoryController,
    AssessmentController,
    BankHolidayController,
  ],
  providers: [
    BulkBodyParser,
    CrimeReportRepository,
    CrimeReportService,
    CrimeReportConsumer,
    OffenceFamilyRepository,
    OffenceFamilyService,
    ScreeningRunRepository,
    ScreeningRunService,
    ScreeningListService,
    ScreeningScheduleService,
    ReviewTaskRepository,
    ReviewTaskService,
    JourneyHandoff,
    PersonHistoryService,
    AssessmentRepository,
    AssessmentService,
  ],
  exports: [ScreeningRunService, CrimeReportService, AuditModule],
})
export class CrimeScreeningModule {}
