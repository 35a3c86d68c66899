import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { PseudoRef, SUGGESTED_ACTIONS } from '@easi/contracts';
import { CurrentUser, RequireAgency, RequireRole, type AuthenticatedUser } from '@easi/auth';
import { ZodValidationPipe } from '@easi/service-kit';
import { ACCESS_REASON_HEADER, AuditService } from '../audit/audit.service';
import { peopleOnHits, type HitRow } from '../daily-screening/screening-run.repository';
import { Day } from '../daily-screening/screening-params';
import { ReviewTaskError, toHttpException } from './review-task.exception';
import { ReviewTaskService, type RecordedDecision, type ReviewTaskView } from './review-task.service';

const ReviewDecisionSchema = z
  .object({
    decision: z.enum(['confirm-misclassification', 'reject-misclassification', 'actions-recorded']),
    actionsTaken: z.array(z.enum(SUGGESTED_ACTIONS)).max(SUGGESTED_ACTIONS.length).default([]),
    reclassificationRef: PseudoRef.optional(),
    reason: z.string().max(2000).optional(),
  })
  .strict();
type ReviewDecisionBody = z.infer<typeof ReviewDecisionSchema>;

const ListQuery = z.object({
  status: z.enum(['open', 'completed']).optional(),
  day: Day.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
type ListQueryParams = z.infer<typeof ListQuery>;

const rethrow = (error: unknown): never => {
  throw error instanceof ReviewTaskError ? toHttpException(error) : error;
};

@ApiTags('review tasks')
@Controller('review-tasks')
@RequireAgency('police')
export class ReviewTaskController {
  constructor(
    private readonly service: ReviewTaskService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @RequireRole('investigator', 'supervisor', 'tactical-lead')
  @ApiOperation({ summary: "The EASI team's screening review queue (one task per hit), oldest first" })
  @ApiHeader({ name: ACCESS_REASON_HEADER, required: false, description: 'Why the queue is read; written to the audit log' })
  async list(
    @Query(new ZodValidationPipe(ListQuery, 'query')) query: ListQueryParams,
    @CurrentUser() user: AuthenticatedUser,
    @Headers(ACCESS_REASON_HEADER) reason?: string,
  ): Promise<HitRow[]> {
    const tasks = await this.service.list(
      { ...(query.status ? { status: query.status } : {}), ...(query.day ? { day: query.day } : {}) },
      query.limit,
      query.offset,
    );
    // The page shows suspects, victims and narrative quotes: the read is audited against everyone on it.
    const page = `status=${query.status ?? 'any'} day=${query.day ?? 'any'} offset=${query.offset} limit=${query.limit}`;
    await this.audit.record(
      user,
      { action: 'read-review-queue', subjectType: 'review-queue', subjectRef: page, personRefs: peopleOnHits(tasks) },
      { header: reason, purpose: 'screening review' },
    );
    return tasks;
  }

  @Get(':taskId')
  @RequireRole('investigator', 'supervisor', 'tactical-lead')
  @ApiOperation({ summary: 'A review task with its hit (flags, explanations, suggested actions) and every decision (audited)' })
  async one(
    @Param('taskId', new ParseUUIDPipe()) taskId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Headers(ACCESS_REASON_HEADER) reason?: string,
  ): Promise<ReviewTaskView> {
    const task = await this.service.one(taskId).catch(rethrow);
    await this.audit.record(
      user,
      { action: 'read-review-task', subjectType: 'review-task', subjectRef: taskId, personRefs: peopleOnHits([task]) },
      { header: reason, purpose: 'screening review' },
    );
    return task;
  }

  @Post(':taskId/decisions')
  @RequireRole('investigator', 'supervisor')
  @ApiOperation({
    summary:
      "Record the reviewer's decision: confirm (with the reclassification submission reference), reject (with a reason), or the actions taken; `possible-easi-candidate` hands the suspect to the journey",
  })
  @ApiBody({ schema: z.toJSONSchema(ReviewDecisionSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown> })
  async decide(
    @Param('taskId', new ParseUUIDPipe()) taskId: string,
    @Body(new ZodValidationPipe(ReviewDecisionSchema, 'review decision')) body: ReviewDecisionBody,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<RecordedDecision> {
    const decision = await this.service
      .decide(
        taskId,
        {
          decision: body.decision,
          actionsTaken: body.actionsTaken,
          ...(body.reclassificationRef ? { reclassificationRef: body.reclassificationRef } : {}),
          ...(body.reason !== undefined ? { reason: body.reason } : {}),
        },
        user.subject,
      )
      .catch(rethrow);
    await this.audit.record(
      user,
      { action: `review-decision:${body.decision}`, subjectType: 'review-task', subjectRef: taskId },
      { purpose: decision.reason },
    );
    return decision;
  }
}
