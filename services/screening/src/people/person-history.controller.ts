import { Controller, Get, Headers, Param } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PseudoRef } from '@easi/contracts';
import { CurrentUser, RequireAgency, RequireRole, type AuthenticatedUser } from '@easi/auth';
import { ZodValidationPipe } from '@easi/service-kit';
import { ACCESS_REASON_HEADER, AuditService } from '../audit/audit.service';
import type { AuditRow } from '../audit/audit.repository';
import { PersonHistoryService, type PersonScreeningHistory } from './person-history.service';

@ApiTags('people')
@Controller('people')
@RequireAgency('police')
export class PersonHistoryController {
  constructor(
    private readonly service: PersonHistoryService,
    private readonly audit: AuditService,
  ) {}

  @Get(':personRef/screening-history')
  @RequireRole('investigator', 'supervisor', 'tactical-lead')
  @ApiOperation({
    summary: "A person's screening history: reports (latest versions), links, custody events, hits and review decisions (audited)",
  })
  @ApiHeader({ name: ACCESS_REASON_HEADER, required: false, description: 'Why the record is read; written to the audit log' })
  async history(
    @Param('personRef', new ZodValidationPipe(PseudoRef, 'personRef')) personRef: string,
    @CurrentUser() user: AuthenticatedUser,
    @Headers(ACCESS_REASON_HEADER) reason?: string,
  ): Promise<PersonScreeningHistory> {
    await this.audit.record(
      user,
      { action: 'read-person-screening-history', subjectType: 'person', subjectRef: personRef },
      { header: reason, purpose: 'screening review' },
    );
    return this.service.history(personRef);
  }

  @Get(':personRef/access-log')
  @RequireRole('supervisor', 'tactical-lead')
  @ApiOperation({ summary: "Who read this person's record or data about them, when and why (itself audited)" })
  @ApiHeader({ name: ACCESS_REASON_HEADER, required: false, description: 'Why the access log is read; written to the audit log' })
  async accessLog(
    @Param('personRef', new ZodValidationPipe(PseudoRef, 'personRef')) personRef: string,
    @CurrentUser() user: AuthenticatedUser,
    @Headers(ACCESS_REASON_HEADER) reason?: string,
  ): Promise<AuditRow[]> {
    const trail = await this.audit.trail('person', personRef);
    // Who looked at who looked is itself on record (after the read, so a log never lists its own reading).
    await this.audit.record(
      user,
      { action: 'read-person-access-log', subjectType: 'person', subjectRef: personRef },
      { header: reason, purpose: 'access log review' },
    );
    return trail;
  }
}
