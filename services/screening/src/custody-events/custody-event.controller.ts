import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Get,
  Headers,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  UseFilters,
} from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  CustodyEventV1,
  DEFAULT_JOURNEY_POLICY,
  JOURNEY_POLICY_HEADER,
  PseudoRef,
  parseJourneyPolicyHeader,
  type JourneyPolicy,
} from '@easi/contracts';
import { CurrentUser, RequireAgency, RequireRole, type AuthenticatedUser } from '@easi/auth';
import { ZodValidationPipe } from '@easi/service-kit';
import { ACCESS_REASON_HEADER, AuditService } from '../audit/audit.service';
import { DatabaseRefusalFilter } from '../crime-reports/database-refusal.filter';
import { CustodyEventService, type CustodyBulkResult, type CustodyEventView, type CustodyIngestResult } from './custody-event.service';

export const MAX_BULK_CUSTODY_EVENTS = 1000;
const CustodyEventBulk = z
  .array(CustodyEventV1)
  .min(1, 'at least one custody event')
  .max(MAX_BULK_CUSTODY_EVENTS, `at most ${MAX_BULK_CUSTODY_EVENTS} custody events per request`);

// Distinct from the schemas' names so decorator metadata records plain objects, not the zod schema values.
type CustodyEventBody = CustodyEventV1;
type CustodyEventBulkBody = CustodyEventV1[];

@ApiTags('custody events')
@Controller('custody-events')
@RequireAgency('police')
@UseFilters(DatabaseRefusalFilter)
export class CustodyEventController {
  constructor(
    private readonly service: CustodyEventService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @HttpCode(202)
  @RequireRole('investigator', 'supervisor', 'operator')
  @ApiOperation({ summary: "Receive a custody event (v1); a screened offence starts or reaches the person's journey" })
  @ApiBody({ schema: z.toJSONSchema(CustodyEventV1, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown> })
  @ApiResponse({ status: 202, description: 'Stored; journey started or signalled. `duplicate` is true for a redelivered event.' })
  @ApiResponse({ status: 400, description: 'Invalid event: `issues` names each bad field.' })
  @ApiResponse({ status: 422, description: 'Valid by the schema but refused by the database: `issues` says what was refused.' })
  receive(
    @Body(new ZodValidationPipe(CustodyEventV1, 'custody event')) event: CustodyEventBody,
    @CurrentUser() user: AuthenticatedUser,
    @Headers(JOURNEY_POLICY_HEADER) policy?: string,
  ): Promise<CustodyIngestResult> {
    return this.service.ingest(event, 'http', journeyPolicy(user, policy));
  }

  @Post('bulk')
  @HttpCode(202)
  @RequireRole('investigator', 'supervisor', 'operator')
  @ApiOperation({
    summary: `Receive up to ${MAX_BULK_CUSTODY_EVENTS} custody events at once; all valid or none stored. Each journey starts once; a resent event does nothing`,
  })
  @ApiBody({ schema: z.toJSONSchema(CustodyEventBulk, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown> })
  @ApiResponse({
    status: 202,
    description: 'Stored; journeys started or signalled. One item per event sent, in order, `duplicate` for an event id received before.',
  })
  @ApiResponse({ status: 400, description: 'At least one event is invalid: `issues` names each bad field by index; nothing stored.' })
  @ApiResponse({
    status: 422,
    description: 'Valid by the schema but refused by the database: `issues` says what was refused; nothing stored.',
  })
  receiveBulk(
    @Body(new ZodValidationPipe(CustodyEventBulk, 'custody event bulk')) events: CustodyEventBulkBody,
    @CurrentUser() user: AuthenticatedUser,
    @Headers(JOURNEY_POLICY_HEADER) policy?: string,
  ): Promise<CustodyBulkResult> {
    return this.service.ingestMany(events, 'http', journeyPolicy(user, policy));
  }

  @Get()
  @RequireRole('investigator', 'supervisor')
  @ApiOperation({ summary: "A person's custody events, newest first (audited)" })
  @ApiHeader({ name: ACCESS_REASON_HEADER, required: false, description: 'Why the record is read; written to the audit log' })
  async byPerson(
    @Query('personRef', new ZodValidationPipe(PseudoRef, 'personRef')) personRef: string,
    @CurrentUser() user: AuthenticatedUser,
    @Headers(ACCESS_REASON_HEADER) reason?: string,
  ): Promise<CustodyEventView[]> {
    await this.audit.record(
      user,
      { action: 'read-person-custody-events', subjectType: 'person', subjectRef: personRef },
      { header: reason, purpose: 'custody record review' },
    );
    return this.service.findByPerson(personRef);
  }

  @Get(':eventId')
  @RequireRole('investigator', 'supervisor')
  @ApiOperation({ summary: 'One custody event by its source event id (audited against the person it is about)' })
  @ApiHeader({ name: ACCESS_REASON_HEADER, required: false, description: 'Why the record is read; written to the audit log' })
  async one(
    @Param('eventId', new ZodValidationPipe(PseudoRef, 'eventId')) eventId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Headers(ACCESS_REASON_HEADER) reason?: string,
  ): Promise<CustodyEventView> {
    const found = await this.service.findByEventId(eventId);
    if (!found) throw new NotFoundException(`no custody event ${eventId}`);
    // Audited before the record leaves the service: the person's access log names this event.
    await this.audit.record(
      user,
      { action: 'read-custody-event', subjectType: 'person', subjectRef: found.personRef },
      { header: reason, purpose: 'custody record review' },
    );
    return found;
  }
}

/** Short timers (seconds, not days) let demos, tests and benchmarks run the real journey; operators only. */
const journeyPolicy = (user: AuthenticatedUser, header: string | undefined): JourneyPolicy => {
  if (header === undefined) return DEFAULT_JOURNEY_POLICY;
  if (!user.roles.includes('operator')) throw new ForbiddenException(`${JOURNEY_POLICY_HEADER} is for operators (demos and tests)`);
  const parsed = parseJourneyPolicyHeader(header);
  if ('error' in parsed) throw new BadRequestException(parsed.error);
  return parsed.policy;
};
