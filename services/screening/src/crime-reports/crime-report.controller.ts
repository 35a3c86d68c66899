import { Body, Controller, Get, Headers, HttpCode, NotFoundException, Param, Post, UseFilters } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CrimeReportV1, PseudoRef } from '@easi/contracts';
import { CurrentUser, RequireAgency, RequireRole, type AuthenticatedUser } from '@easi/auth';
import { ZodValidationPipe } from '@easi/service-kit';
import { ACCESS_REASON_HEADER, AuditService } from '../audit/audit.service';
import type { LinkedReport } from './crime-report.repository';
import { CrimeReportConsumer, type CrimeReportConsumerStats } from './crime-report.consumer';
import { CrimeReportService, type CrimeReportIngestResult, type CrimeReportView } from './crime-report.service';
import { DatabaseRefusalFilter } from './database-refusal.filter';

export const MAX_BULK_REPORTS = 1000;
const CrimeReportBulk = z
  .array(CrimeReportV1)
  .min(1, 'at least one report')
  .max(MAX_BULK_REPORTS, `at most ${MAX_BULK_REPORTS} reports per request`);

// Distinct names so decorator metadata records plain objects, not the zod schema values.
type CrimeReportBody = CrimeReportV1;
type CrimeReportBulkBody = CrimeReportV1[];

@ApiTags('crime reports')
@Controller('crime-reports')
@RequireAgency('police')
@UseFilters(DatabaseRefusalFilter)
export class CrimeReportController {
  constructor(
    private readonly service: CrimeReportService,
    private readonly consumer: CrimeReportConsumer,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @HttpCode(202)
  @RequireRole('investigator', 'supervisor', 'operator')
  @ApiOperation({
    summary: 'Receive one crime report version (v1); the same version again is a no-op, a newer version is kept beside the older',
  })
  @ApiBody({ schema: z.toJSONSchema(CrimeReportV1, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown> })
  @ApiResponse({ status: 400, description: 'Invalid report: `issues` names each bad field.' })
  @ApiResponse({ status: 422, description: 'Valid by the schema but refused by the database: `issues` says what was refused.' })
  receive(@Body(new ZodValidationPipe(CrimeReportV1, 'crime report')) report: CrimeReportBody): Promise<CrimeReportIngestResult> {
    return this.service.ingest([report], 'http');
  }

  @Post('bulk')
  @HttpCode(202)
  @RequireRole('investigator', 'supervisor', 'operator')
  @ApiOperation({ summary: `Receive up to ${MAX_BULK_REPORTS} crime report versions at once; all valid or none stored` })
  @ApiBody({ schema: z.toJSONSchema(CrimeReportBulk, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown> })
  @ApiResponse({ status: 400, description: 'At least one report is invalid: `issues` names each bad field by index; nothing stored.' })
  @ApiResponse({
    status: 422,
    description: 'Valid by the schema but refused by the database: `issues` says what was refused; nothing stored.',
  })
  receiveBulk(
    @Body(new ZodValidationPipe(CrimeReportBulk, 'crime report bulk')) reports: CrimeReportBulkBody,
  ): Promise<CrimeReportIngestResult> {
    return this.service.ingest(reports, 'http');
  }

  @Get('ingestion')
  @RequireRole('operator', 'supervisor')
  @ApiOperation({ summary: 'Counts of the Kafka crime-report consumer since this process started' })
  ingestion(): CrimeReportConsumerStats & { running: boolean } {
    return { ...this.consumer.stats, running: this.consumer.isRunning() };
  }

  @Get(':reportRef')
  @RequireRole('investigator', 'supervisor', 'tactical-lead')
  @ApiOperation({ summary: 'Every stored version of a crime report, newest first (audited)' })
  @ApiHeader({ name: ACCESS_REASON_HEADER, required: false, description: 'Why the record is read; written to the audit log' })
  async one(
    @Param('reportRef', new ZodValidationPipe(PseudoRef, 'reportRef')) reportRef: string,
    @CurrentUser() user: AuthenticatedUser,
    @Headers(ACCESS_REASON_HEADER) reason?: string,
  ): Promise<CrimeReportView> {
    const found = await this.service.find(reportRef);
    // Audited against the report and everyone in any of its versions (an attempt at an unknown ref is on record too).
    const people = (found?.versions ?? []).flatMap((v) => [...v.suspects.map((s) => s.personRef), ...v.victimRefs]);
    await this.audit.record(
      user,
      { action: 'read-crime-report', subjectType: 'crime-report', subjectRef: reportRef, personRefs: people },
      { header: reason, purpose: 'screening review' },
    );
    if (!found) throw new NotFoundException(`no crime report ${reportRef}`);
    return found;
  }

  @Get(':reportRef/links')
  @RequireRole('investigator', 'supervisor', 'tactical-lead')
  @ApiOperation({ summary: 'Reports linked to this one: same suspect and victim, same suspect (other victims), same victim (audited)' })
  async links(
    @Param('reportRef', new ZodValidationPipe(PseudoRef, 'reportRef')) reportRef: string,
    @CurrentUser() user: AuthenticatedUser,
    @Headers(ACCESS_REASON_HEADER) reason?: string,
  ): Promise<LinkedReport[]> {
    const links = await this.service.links(reportRef);
    const people = links.flatMap((l) => [...l.sharedSuspects, ...l.sharedVictims]);
    await this.audit.record(
      user,
      { action: 'read-crime-report-links', subjectType: 'crime-report', subjectRef: reportRef, personRefs: people },
      { header: reason, purpose: 'screening review' },
    );
    return links;
  }
}
