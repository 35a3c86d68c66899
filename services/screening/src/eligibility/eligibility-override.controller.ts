import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, RequireAgency, RequireRole, type AuthenticatedUser } from '@easi/auth';
import { PseudoRef } from '@easi/contracts';
import { ZodValidationPipe } from '@easi/service-kit';
import type { TaskView } from '@easi/tasks';
import { ACCESS_REASON_HEADER } from '../audit/audit.service';
import { OverrideBody, type OverrideNote } from './eligibility-override';
import { EligibilityOverrideService, type OverrideView } from './eligibility-override.service';

// Distinct from the schema's name so decorator metadata records a plain object, not the zod schema value.
type OverrideBodyParams = z.infer<typeof OverrideBody>;

@ApiTags('eligibility')
@Controller('eligibility')
@RequireAgency('police')
export class EligibilityOverrideController {
  constructor(private readonly service: EligibilityOverrideService) {}

  @Post('tasks/:taskId/override')
  @RequireRole('supervisor')
  @ApiOperation({
    summary:
      "Supervisors: decide the journey's eligibility task over the rules' outcome. The facts go through the rules; the override names the overall outcome or one criterion, the new result and why. Recorded append-only beside the rules' own result; the journey receives the overridden outcome with the override.",
  })
  @ApiBody({ schema: z.toJSONSchema(OverrideBody, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown> })
  @ApiResponse({ status: 201, description: 'Override recorded and the task completed' })
  @ApiResponse({ status: 400, description: '`issues` names each bad field (a missing reason among them)' })
  @ApiResponse({ status: 403, description: 'Not a police supervisor' })
  @ApiResponse({ status: 409, description: 'Not an eligibility task, not open, claimed by someone else, or the journey has closed' })
  @ApiResponse({
    status: 422,
    description: 'Refused by the rules: high or very high risk is never diverted; the risk level is not overridable; nothing to change',
  })
  override(
    @CurrentUser() user: AuthenticatedUser,
    @Param('taskId', ParseUUIDPipe) taskId: string,
    @Body(new ZodValidationPipe(OverrideBody, 'override')) body: OverrideBodyParams,
  ): Promise<{ override: OverrideNote; task: TaskView }> {
    return this.service.override(user, taskId, body);
  }

  @Get('journeys/:journeyRef/overrides')
  @RequireRole('investigator', 'supervisor', 'tactical-lead')
  @ApiOperation({
    summary: "A journey's eligibility overrides, newest first: who, when, why, the rules' result and the overridden one (audited)",
  })
  @ApiHeader({ name: ACCESS_REASON_HEADER, required: false, description: 'Why the record is read; written to the audit log' })
  overrides(
    @CurrentUser() user: AuthenticatedUser,
    @Param('journeyRef', new ZodValidationPipe(PseudoRef, 'journeyRef')) journeyRef: string,
    @Headers(ACCESS_REASON_HEADER) reason?: string,
  ): Promise<OverrideView[]> {
    return this.service.forJourney(user, journeyRef, reason);
  }
}
