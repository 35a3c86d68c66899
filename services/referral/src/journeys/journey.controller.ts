import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, RequireAgency, RequireRole, type AuthenticatedUser } from '@easi/auth';
import { PseudoRef, type JourneyState } from '@easi/contracts';
import { ZodValidationPipe } from '@easi/service-kit';
import { actorOf, toHttp } from '@easi/tasks';
import type { AlertView } from '../alerts/alert.service';
import { JourneyService } from './journey.service';

const WithdrawalBody = z.object({ reason: z.string().trim().min(1, 'say why').max(2000) }).strict();
type WithdrawalBodyParams = z.infer<typeof WithdrawalBody>;

const mapped = async <T>(work: Promise<T>): Promise<T> => {
  try {
    return await work;
  } catch (error) {
    throw toHttp(error);
  }
};

@ApiTags('journeys')
@Controller('journeys')
@RequireAgency('police')
@RequireRole('investigator', 'supervisor', 'tactical-lead')
export class JourneyController {
  constructor(private readonly journeys: JourneyService) {}

  @Get(':journeyRef')
  @ApiOperation({ summary: 'The journey as a case history: stage, timeline (what, when, who), open tasks, alerts' })
  state(
    @Param('journeyRef', new ZodValidationPipe(PseudoRef, 'journeyRef')) journeyRef: string,
  ): Promise<JourneyState & { alerts: AlertView[] }> {
    return mapped(this.journeys.state(journeyRef));
  }

  @Post(':journeyRef/consent-withdrawal')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that the participant withdrew consent (409 when consent is not in force or the journey is closed)' })
  withdraw(
    @CurrentUser() user: AuthenticatedUser,
    @Param('journeyRef', new ZodValidationPipe(PseudoRef, 'journeyRef')) journeyRef: string,
    @Body(new ZodValidationPipe(WithdrawalBody, 'body')) body: WithdrawalBodyParams,
  ): Promise<{ accepted: true }> {
    return mapped(this.journeys.withdrawConsent(journeyRef, actorOf(user), body.reason));
  }
}
