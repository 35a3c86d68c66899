import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, type Type } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, RequireAgency, RequireRole, type AuthenticatedUser } from '@easi/auth';
import { InboxQueue, IsoDateTime, PseudoRef, TASK_STATUSES, type Agency, type Page, type Role, type TaskView } from '@easi/contracts';
import { ZodValidationPipe } from '@easi/service-kit';
import { toHttp } from './task.exception';
import { TaskService } from './task.service';

const ListQuery = z
  .object({
    queue: InboxQueue.optional(),
    status: z
      .string()
      .transform((s) => s.split(',').map((x) => x.trim()))
      .pipe(z.array(z.enum(TASK_STATUSES)))
      .optional(),
    stage: z
      .string()
      .regex(/^[a-z-]{2,40}$/)
      .optional(),
    riskLevel: z
      .string()
      .regex(/^[a-z-]{2,20}$/)
      .optional(),
    kind: z
      .string()
      .regex(/^[a-z-]{2,40}$/)
      .optional(),
    journeyRef: PseudoRef.optional(),
    assignee: z.string().max(200).optional(),
    dueBefore: IsoDateTime.optional(),
    createdAfter: IsoDateTime.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
const CompleteBody = z.object({ decision: z.unknown(), reason: z.string().trim().min(1, 'say why').max(2000) }).strict();
const ReleaseBody = z.object({ reason: z.string().trim().max(2000).optional() }).strict();
const ReassignBody = z
  .object({
    assignee: z.string().min(3).max(200).optional(),
    queue: InboxQueue.optional(),
    reason: z.string().trim().min(1, 'say why').max(2000),
  })
  .strict()
  .refine((b) => b.assignee !== undefined || b.queue !== undefined, 'give an assignee, a queue or both');

// Distinct names: decorator metadata must record plain objects, not the zod schema values.
type ListQueryParams = z.infer<typeof ListQuery>;
type CompleteBodyParams = z.infer<typeof CompleteBody>;
type ReleaseBodyParams = z.infer<typeof ReleaseBody>;
type ReassignBodyParams = z.infer<typeof ReassignBody>;

const mapped = async <T>(work: Promise<T>): Promise<T> => {
  try {
    return await work;
  } catch (error) {
    throw toHttp(error);
  }
};

export type TaskAccess = { agencies: [Agency, ...Agency[]]; roles: [Role, ...Role[]] };

/** The task inbox REST API of one service, open to the agencies and roles that work its queues. */
export const createTaskController = (access: TaskAccess): Type<unknown> => {
  @ApiTags('tasks')
  @Controller('tasks')
  @RequireAgency(...access.agencies)
  @RequireRole(...access.roles)
  class TaskController {
    constructor(private readonly tasks: TaskService) {}

    @Get()
    @ApiOperation({
      summary:
        'Tasks in the inboxes open to the caller; filter by queue, status (comma list), stage, risk, kind, journey, assignee, due before, created after; paged, earliest due first',
    })
    list(
      @CurrentUser() user: AuthenticatedUser,
      @Query(new ZodValidationPipe(ListQuery, 'query')) query: ListQueryParams,
    ): Promise<Page<TaskView>> {
      return mapped(this.tasks.list(user, query));
    }

    @Get(':taskId')
    @ApiOperation({ summary: 'One task with its history (who did what, when, why)' })
    one(@CurrentUser() user: AuthenticatedUser, @Param('taskId', ParseUUIDPipe) taskId: string): Promise<TaskView> {
      return mapped(this.tasks.get(user, taskId));
    }

    @Post(':taskId/claim')
    @HttpCode(200)
    @ApiOperation({ summary: 'Claim an open task (409 when someone else has it)' })
    claim(@CurrentUser() user: AuthenticatedUser, @Param('taskId', ParseUUIDPipe) taskId: string): Promise<TaskView> {
      return mapped(this.tasks.claim(user, taskId));
    }

    @Post(':taskId/release')
    @HttpCode(200)
    @ApiOperation({ summary: 'Give a claimed task back to its queue' })
    release(
      @CurrentUser() user: AuthenticatedUser,
      @Param('taskId', ParseUUIDPipe) taskId: string,
      @Body(new ZodValidationPipe(ReleaseBody, 'body')) body: ReleaseBodyParams,
    ): Promise<TaskView> {
      return mapped(this.tasks.release(user, taskId, body.reason));
    }

    @Post(':taskId/complete')
    @HttpCode(200)
    @ApiOperation({
      summary:
        'Decide: the typed decision goes to the journey as an Update; 422 invalid decision, 409 not open / journey closed — nothing changes then',
    })
    complete(
      @CurrentUser() user: AuthenticatedUser,
      @Param('taskId', ParseUUIDPipe) taskId: string,
      @Body(new ZodValidationPipe(CompleteBody, 'body')) body: CompleteBodyParams,
    ): Promise<TaskView> {
      return mapped(this.tasks.complete(user, taskId, body));
    }

    @Post(':taskId/reassign')
    @HttpCode(200)
    @ApiOperation({ summary: 'Supervisors: give the task to a person or another queue of this service' })
    reassign(
      @CurrentUser() user: AuthenticatedUser,
      @Param('taskId', ParseUUIDPipe) taskId: string,
      @Body(new ZodValidationPipe(ReassignBody, 'body')) body: ReassignBodyParams,
    ): Promise<TaskView> {
      return mapped(this.tasks.reassign(user, taskId, body));
    }
  }
  return TaskController;
};
