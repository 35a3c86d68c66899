import { BadRequestException, Body, Controller, ForbiddenException, Get, Headers, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CustodyEventV1, DEFAULT_JOURNEY_POLICY, JOURNEY_POLICY_HEADER, PseudoRef, parseJourneyPolicyHeader } from '@easi/contracts';
import { CurrentUser, RequireAgency, RequireRole, type AuthenticatedUser } from '@easi/auth';
import { ZodValidationPipe } from '@easi/service-kit';
import { ACCESS_REASON_HEADER, AuditService } from '../audit/audit.service';
import { CustodyEventService, type CustodyEventView, type CustodyIngestResult } from './custody-event.service';

// Distinct from the schema's name so decorator metadata records a plain object, not the zod schema value.
type CustodyEventBody = CustodyEventV1;

@ApiTags('custody events')
@Controller('custody-events')
@RequireAgency('police')
export class CustodyEventController {
  constructor(
    private readonly service: CustodyEventService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @HttpCode(202)
  @RequireRole('investigator', 'supervisor', 'operator')
  @ApiOperation({ summary: 'Receive a custody event (v1); a screened offence starts or reaches the person\'s journey' })
  @ApiBody({ schema: z.toJSONSchema(CustodyEventV1, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown> })
  @ApiResponse({ status: 202, description: 'Stored; journey started or signalled. `duplicate` is true for a redelivered event.' })
  @ApiResponse({ status: 400, description: 'Invalid event: `issues` names each bad field.' })
  receive(
    @Body(new ZodValidationPipe(CustodyEventV1, 'custody event')) event: CustodyEventBody,
    @CurrentUser() user: AuthenticatedUser,
    @Headers(JOURNEY_POLICY_HEADER) policy?: string,
  ): Promise<CustodyIngestResult> {
    // Short timers (seconds, not days) let demos, tests and benchmarks run the real journey; operators only.
    if (policy === undefined) return this.service.ingest(event, 'http', DEFAULT_JOURNEY_POLICY);
    if (!user.roles.includes('operator')) throw new ForbiddenException(`${JOURNEY_POLICY_HEADER} is for operators (demos and tests)`);
    const parsed = parseJourneyPolicyHeader(policy);
    if ('error' in parsed) throw new BadRequestException(parsed.error);
    return this.service.ingest(event, 'http', parsed.policy);
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
    await this.audit.record(user, { action: 'read-person-custody-events', subjectType: 'person', subjectRef: personRef }, { header: reason, purpose: 'custody record review' });
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
    await this.audit.record(user, { action: 'read-custody-event', subjectType: 'person', subjectRef: found.personRef }, { header: reason, purpose: 'custody record review' });
    return found;
  }
}
