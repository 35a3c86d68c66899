import { BadRequestException, Body, Controller, ForbiddenException, Get, Headers, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CustodyEventV1, DEFAULT_JOURNEY_POLICY, JOURNEY_POLICY_HEADER, PseudoRef, parseJourneyPolicyHeader } from '@easi/contracts';
import { CurrentUser, RequireAgency, RequireRole, type AuthenticatedUser } from '@easi/auth';
import { ZodValidationPipe } from '@easi/service-kit';
import { CustodyEventService, type CustodyEventView, type CustodyIngestResult } from './custody-event.service';

// Distinct from the schema's name so decorator metadata records a plain object, not the zod schema value.
type CustodyEventBody = CustodyEventV1;

@ApiTags('custody events')
@Controller('custody-events')
@RequireAgency('police')
export class CustodyEventController {
  constructor(private readonly service: CustodyEventService) {}

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
  @ApiOperation({ summary: "A person's custody events, newest first" })
  byPerson(@Query('personRef', new ZodValidationPipe(PseudoRef, 'personRef')) personRef: string): Promise<CustodyEventView[]> {
    return this.service.findByPerson(personRef);
  }

  @Get(':eventId')
  @RequireRole('investigator', 'supervisor')
  @ApiOperation({ summary: 'One custody event by its source event id' })
  async one(@Param('eventId', new ZodValidationPipe(PseudoRef, 'eventId')) eventId: string): Promise<CustodyEventView> {
    const found = await this.service.findByEventId(eventId);
    if (!found) throw new NotFoundException(`no custody event ${eventId}`);
    return found;
  }
}
