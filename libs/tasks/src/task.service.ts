import { Inject, Injectable, Optional, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { AuthenticatedUser } from '@easi/auth';
import {
  TASK_DECISIONS,
  TASK_REFUSALS,
  completeTaskUpdate,
  describeIssues,
  type CompleteTaskInput,
  type CreateTaskInput,
  type InboxQueue,
  type Page,
  type TaskKind,
  type TaskRef,
  type TaskStatus,
  type TaskView,
} from '@easi/contracts';
import { OutboxRelayHost } from '@easi/service-kit';
import { TEMPORAL_CLIENT } from '@easi/temporal';
import type { HumanTaskEntity } from './entities/human-task.entity';
import { actorOf, isSupervisor, mayUseQueue } from './queue-access';
import { TaskError } from './task.exception';
import { notifyTask } from './task-notifications';
import { TaskRepository } from './task.repository';

/**
 * What `toWorkflow` may use besides the submission: who decides, and the service's providers, for a
 * decision that depends on records the service holds (e.g. eligibility reads the person's risk assessments).
 */
export type DecisionContext = { by: string; get: <T>(type: Type<T>) => T };

/**
 * How a service turns what a person submits into the decision its workflow takes (e.g. facts → eligibility).
 * It may read (async) and may refuse by throwing an HttpException, which the caller receives as is.
 */
export type DecisionInput = { schema: z.ZodType; toWorkflow: (parsed: unknown, task: TaskView, context: DecisionContext) => unknown };

/** A decision the inbox is recording: the journey has accepted it (its Update validator checked it). */
export type RecordedDecision = {
  taskId: string;
  workflowId: string;
  journeyRef: string;
  kind: TaskKind;
  /** As the workflow received it; the hook parses what it reads. */
  decision: unknown;
  by: string;
  reason: string;
  /** Which path recorded it first: the REST completion, or the workflow's `confirmDecision` (the service had stopped in between). */
  via: 'complete' | 'confirm-decision';
};

/**
 * Also done when a decision is recorded, in the same transaction as the task's completion: it runs
 * once per task, on whichever path records the decision first, and a throw rolls the recording back
 * (the REST call fails; the `confirmDecision` activity retries).
 */
export type DecisionRecordedHook = (recorded: RecordedDecision, manager: EntityManager) => Promise<void>;

export type TasksOptions = {
  /** The inboxes this service holds. */
  queues: InboxQueue[];
  decisionInputs?: Partial<Record<TaskKind, DecisionInput>>;
  /** Per kind of task, what the service records with the decision (e.g. the screening service's eligibility overrides). */
  onDecisionRecorded?: Partial<Record<TaskKind, DecisionRecordedHook>>;
};
export const TASKS_OPTIONS = Symbol('TASKS_OPTIONS');

export type TaskQuery = {
  queue?: InboxQueue;
  status?: TaskStatus[];
  stage?: string;
  riskLevel?: string;
  kind?: string;
  journeyRef?: string;
  assignee?: string;
  dueBefore?: string;
  createdAfter?: string;
  limit: number;
  offset: number;
};

const OPEN: TaskStatus[] = ['open', 'claimed'];

@Injectable()
export class TaskService {
  constructor(
    private readonly tasks: TaskRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(TASKS_OPTIONS) private readonly options: TasksOptions,
    private readonly relay: OutboxRelayHost,
    @Optional() private readonly moduleRef?: ModuleRef,
  ) {}

  // Activities: called by workflows, idempotent under retry.

  async createTask(input: CreateTaskInput): Promise<{ created: boolean }> {
    const created = await this.tasks.transaction(async (manager) => {
      if (!(await this.tasks.insertOnce(manager, input))) return false;
      const row = (await this.tasks.findById(input.taskId, manager)) as HumanTaskEntity;
      await this.tasks.addEvent(manager, row.id, 'created', 'system', null, { workflowId: input.workflowId, stage: input.stage });
      await notifyTask(manager, 'task.created', row);
      return true;
    });
    if (created) this.relay.wake();
    return { created };
  }

  async remindTask({ taskId }: TaskRef): Promise<{ reminded: boolean }> {
    return { reminded: await this.markOnce(taskId, { remindedAt: new Date() }, 'reminded_at IS NULL', 'reminded', 'task.reminder') };
  }

  /**
   * Police inboxes hand an overdue task to the sergeant's queue; an agency without one here keeps it
   * in its own queue, flagged, and the notification tells the EASI supervisors.
   */
  async escalateTask({ taskId }: TaskRef): Promise<{ escalated: boolean; queue: InboxQueue }> {
    const toSupervisors = this.options.queues.includes('supervisors');
    const change = toSupervisors
      ? { escalatedAt: new Date(), queue: 'supervisors' as const, status: 'open' as const, assignee: null }
      : { escalatedAt: new Date() };
    const escalated = await this.markOnce(taskId, change, 'escalated_at IS NULL', 'escalated', 'task.escalated');
    const row = await this.tasks.findById(taskId);
    return { escalated, queue: row?.queue ?? 'supervisors' };
  }

  async cancelTask({ taskId, reason }: TaskRef & { reason: string }): Promise<{ cancelled: boolean }> {
    const cancelled = await this.tasks.transaction(async (manager) => {
      if (!(await this.tasks.changeIf(manager, taskId, OPEN, { status: 'cancelled', reason }))) return false;
      await this.tasks.addEvent(manager, taskId, 'cancelled', 'system', reason);
      return true;
    });
    return { cancelled };
  }

  private async markOnce(
    taskId: string,
    change: Parameters<TaskRepository['changeIf']>[3],
    unlessDone: string,
    action: 'reminded' | 'escalated',
    type: 'task.reminder' | 'task.escalated',
  ): Promise<boolean> {
    const changed = await this.tasks.transaction(async (manager) => {
      if (!(await this.tasks.changeIf(manager, taskId, OPEN, change, unlessDone))) return false;
      await this.tasks.addEvent(
        manager,
        taskId,
        action,
        'system',
        action === 'escalated' ? 'overdue: moved to the supervisors' : 'due date reached',
      );
      await notifyTask(manager, type, (await this.tasks.findById(taskId, manager)) as HumanTaskEntity);
      return true;
    });
    if (changed) this.relay.wake();
    return changed;
  }

  // The REST side: people.

  visibleQueues(user: AuthenticatedUser): InboxQueue[] {
    return this.options.queues.filter((q) => mayUseQueue(user, q));
  }

  async list(user: AuthenticatedUser, query: TaskQuery): Promise<Page<TaskView>> {
    const visible = this.visibleQueues(user);
    const queues = query.queue ? visible.filter((q) => q === query.queue) : visible;
    if (queues.length === 0) return { items: [], total: 0, limit: query.limit, offset: query.offset };
    const { dueBefore, createdAfter, ...rest } = query;
    const [rows, total] = await this.tasks.list({
      ...rest,
      queues,
      ...(dueBefore ? { dueBefore: new Date(dueBefore) } : {}),
      ...(createdAfter ? { createdAfter: new Date(createdAfter) } : {}),
    });
    return { items: rows.map(toView), total, limit: query.limit, offset: query.offset };
  }

  async get(
    user: AuthenticatedUser,
    taskId: string,
  ): Promise<TaskView & { history: { action: string; by: string; reason: string | null; at: string }[] }> {
    const row = await this.tasks.findById(taskId);
    this.assertVisible(user, row);
    const events = await this.tasks.events(taskId);
    return { ...toView(row), history: events.map((e) => ({ action: e.action, by: e.by, reason: e.reason, at: e.at.toISOString() })) };
  }

  async claim(user: AuthenticatedUser, taskId: string): Promise<TaskView> {
    return this.tasks.transaction(async (manager) => {
      const row = await this.tasks.findForUpdate(manager, taskId);
      this.assertVisible(user, row);
      if (row.status === 'claimed' && row.assignee === actorOf(user)) return toView(row);
      if (row.status !== 'open') throw this.notAvailable(row);
      await this.tasks.changeIf(manager, taskId, ['open'], { status: 'claimed', assignee: actorOf(user) });
      await this.tasks.addEvent(manager, taskId, 'claimed', actorOf(user), null);
      return toView((await this.tasks.findById(taskId, manager)) as HumanTaskEntity);
    });
  }

  async release(user: AuthenticatedUser, taskId: string, reason: string | undefined): Promise<TaskView> {
    return this.tasks.transaction(async (manager) => {
      const row = await this.tasks.findForUpdate(manager, taskId);
      this.assertVisible(user, row);
      if (row.status !== 'claimed') throw new TaskError('not-open', `task ${taskId} is ${row.status}, not claimed`);
      if (row.assignee !== actorOf(user) && !isSupervisor(user))
        throw new TaskError('claimed-by-other', `task ${taskId} is claimed by ${row.assignee}; only they or a supervisor may release it`);
      await this.tasks.changeIf(manager, taskId, ['claimed'], { status: 'open', assignee: null });
      await this.tasks.addEvent(manager, taskId, 'released', actorOf(user), reason ?? null);
      return toView((await this.tasks.findById(taskId, manager)) as HumanTaskEntity);
    });
  }

  async reassign(
    user: AuthenticatedUser,
    taskId: string,
    to: { assignee?: string; queue?: InboxQueue; reason: string },
  ): Promise<TaskView> {
    if (!isSupervisor(user)) throw new TaskError('forbidden', 'only a supervisor or the tactical lead may reassign a task');
    return this.tasks.transaction(async (manager) => {
      const row = await this.tasks.findForUpdate(manager, taskId);
      this.assertVisible(user, row);
      if (!OPEN.includes(row.status)) throw this.notAvailable(row);
      if (to.queue && !this.options.queues.includes(to.queue))
        throw new TaskError('invalid-decision', `this service has no ${to.queue} inbox`);
      const change = {
        ...(to.queue ? { queue: to.queue } : {}),
        assignee: to.assignee ?? null,
        status: (to.assignee ? 'claimed' : 'open') as TaskStatus,
      };
      await this.tasks.changeIf(manager, taskId, OPEN, change);
      await this.tasks.addEvent(manager, taskId, 'reassigned', actorOf(user), to.reason, {
        from: { queue: row.queue, assignee: row.assignee },
        to: change,
      });
      return toView((await this.tasks.findById(taskId, manager)) as HumanTaskEntity);
    });
  }

  /**
   * Completes a task: the decision goes to the waiting workflow as an Update first; its validator may
   * refuse it (the caller gets the reason, nothing changes here) and refuses a second decision on the
   * same task, so two people deciding at once cannot both succeed. No row lock is held while the
   * journey decides. An accepted decision is then recorded with who, when and why; should this
   * service stop in between, the journey's `confirmDecision` activity records the same decision.
   */
  async complete(user: AuthenticatedUser, taskId: string, body: { decision: unknown; reason: string }): Promise<TaskView> {
    const row = await this.tasks.findById(taskId);
    this.assertVisible(user, row);
    if (!OPEN.includes(row.status)) throw this.notAvailable(row);
    if (row.status === 'claimed' && row.assignee !== actorOf(user))
      throw new TaskError('claimed-by-other', `task ${taskId} is claimed by ${row.assignee}`);
    const decided: CompleteTaskInput = {
      taskId,
      decision: await this.toWorkflowDecision(row, body.decision, actorOf(user)),
      by: actorOf(user),
      reason: body.reason,
    };
    await this.sendDecision(row, decided);
    await this.recordDecision(decided, 'complete');
    return toView((await this.tasks.findById(taskId)) as HumanTaskEntity);
  }

  /** Activity: the workflow's copy of an accepted decision; a no-op when the inbox already has it. */
  async confirmDecision(input: CompleteTaskInput): Promise<{ recorded: boolean }> {
    return { recorded: await this.recordDecision(input, 'confirm-decision') };
  }

  private recordDecision({ taskId, decision, by, reason }: CompleteTaskInput, via: RecordedDecision['via']): Promise<boolean> {
    return this.tasks.transaction(async (manager) => {
      const row = await this.tasks.findById(taskId, manager);
      if (!row) return false;
      const completed = {
        status: 'completed' as const,
        assignee: row.assignee ?? by,
        decision: decision as object,
        reason,
        completedBy: by,
        completedAt: new Date(),
      };
      // The conditional update is the once-only gate: the second path finds the task completed and stops here.
      if (!(await this.tasks.changeIf(manager, taskId, OPEN, completed))) return false;
      await this.tasks.addEvent(manager, taskId, 'completed', by, reason, { decision });
      const hook = this.options.onDecisionRecorded?.[row.kind];
      if (hook)
        await hook({ taskId, workflowId: row.workflowId, journeyRef: row.journeyRef, kind: row.kind, decision, by, reason, via }, manager);
      return true;
    });
  }

  private async toWorkflowDecision(row: HumanTaskEntity, submitted: unknown, by: string): Promise<unknown> {
    const input = this.options.decisionInputs?.[row.kind];
    const schema = input?.schema ?? TASK_DECISIONS[row.kind];
    const parsed = schema.safeParse(submitted);
    if (!parsed.success) throw new TaskError('invalid-decision', `invalid ${row.kind} decision`, describeIssues(parsed.error));
    if (!input) return parsed.data;
    const moduleRef = this.moduleRef;
    const get = <T>(type: Type<T>): T => {
      if (!moduleRef) throw new Error(`no module to resolve ${type.name} from: TaskService was built outside Nest`);
      return moduleRef.get(type, { strict: false });
    };
    return input.toWorkflow(parsed.data, toView(row), { by, get });
  }

  private async sendDecision(row: HumanTaskEntity, update: CompleteTaskInput): Promise<void> {
    try {
      await this.temporal.workflow.getHandle(row.workflowId).executeUpdate(completeTaskUpdate, { args: [update] });
    } catch (error) {
      throw refusalOf(error) ?? error;
    }
  }

  private assertVisible(user: AuthenticatedUser, row: HumanTaskEntity | null): asserts row is HumanTaskEntity {
    if (!row || !this.options.queues.includes(row.queue)) throw new TaskError('not-found', 'no such task in this inbox');
    if (!mayUseQueue(user, row.queue)) throw new TaskError('forbidden', `the ${row.queue} inbox is not open to ${user.agency}`);
  }

  private notAvailable(row: HumanTaskEntity): TaskError {
    return new TaskError('not-open', `task ${row.id} is ${row.status}${row.completedBy ? ` (decided by ${row.completedBy})` : ''}`);
  }
}

/** Maps what Temporal said about the Update to a TaskError, or undefined when it is not a refusal. */
export const refusalOf = (error: unknown): TaskError | undefined => {
  if (
    error instanceof WorkflowNotFoundError ||
    (error instanceof Error && /already completed|not found/i.test(error.message) && !(error instanceof WorkflowUpdateFailedError))
  ) {
    return new TaskError('workflow-closed', 'the journey this task belongs to has closed: the decision cannot be taken');
  }
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const { type, message } = error.cause;
    if (type === TASK_REFUSALS.invalidDecision) return new TaskError('invalid-decision', message);
    if (type === TASK_REFUSALS.notOpen) return new TaskError('not-open', message);
    if (type === TASK_REFUSALS.wrongState) return new TaskError('wrong-state', message);
  }
  return undefined;
};

const toView = (row: HumanTaskEntity): TaskView => ({
  taskId: row.id,
  workflowId: row.workflowId,
  journeyRef: row.journeyRef,
  kind: row.kind,
  queue: row.queue,
  stage: row.stage,
  riskLevel: row.riskLevel,
  title: row.title,
  status: row.status,
  assignee: row.assignee,
  dueAt: row.dueAt.toISOString(),
  overdue: OPEN.includes(row.status) && row.dueAt.getTime() < Date.now(),
  context: row.context,
  decision: row.decision,
  reason: row.reason,
  completedBy: row.completedBy,
  completedAt: row.completedAt?.toISOString() ?? null,
  remindedAt: row.remindedAt?.toISOString() ?? null,
  escalatedAt: row.escalatedAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});
