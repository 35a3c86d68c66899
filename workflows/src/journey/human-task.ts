import { ApplicationFailure, CancellationScope, condition, patched, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import {
  TASK_OWNERS,
  TASK_REFUSALS,
  completeTaskUpdate,
  type CompleteTaskInput,
  type InboxQueue,
  type OpenTaskSummary,
  type TaskDecision,
  type TaskKind,
} from '@easi/contracts';
import { inboxOf } from './activities';
import { checkDecision } from './decisions';
import { toMs } from './duration';
import { JOURNEYS_V2 } from './versions';

export type Decided<K extends TaskKind> = { decision: TaskDecision<K>; by: string; reason: string };

export type TaskRequest<K extends TaskKind> = {
  kind: K;
  queue: InboxQueue;
  title: string;
  due: string;
  context?: Record<string, string | number | boolean>;
  /** When true a missed deadline cancels the task and returns undefined (a caution condition); otherwise it is reminded, then escalated. */
  expires?: boolean;
  /** A rule beyond the decision's shape; returns the refusal reason. */
  rule?: (decision: TaskDecision<K>) => string | undefined;
};

export type TaskBookHooks = {
  journeyRef: string;
  stage: () => string;
  riskLevel: () => string;
  escalationGrace: string;
  opened: (task: OpenTaskSummary) => void | Promise<void>;
  closed: (taskId: string, how: string) => void | Promise<void>;
  /** A line for the case history (reminders, escalations). */
  note?: (what: string) => void | Promise<void>;
  /** Refuses every decision, e.g. once the journey is closing. */
  refuseAll?: () => string | undefined;
  /** Stops waiting: the task is cancelled and `ask` returns undefined. */
  abandon?: () => boolean;
};

type Pending = {
  kind: TaskKind;
  rule?: (decision: never) => string | undefined;
  decided?: Decided<TaskKind>;
  accepted?: CompleteTaskInput;
};

const refuse = (type: string, message: string): never => {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
};

/**
 * The workflow side of the human task inbox: `ask` creates the task in the owning service (an
 * idempotent activity keyed by a replay-safe task id), waits for the `completeTask` Update, reminds
 * at the deadline and escalates to supervisors after the grace period. The Update validator refuses
 * a task that is not open and a decision that is malformed or breaks the task's rule, so the caller
 * gets the reason and nothing changes.
 */
export class TaskBook {
  private readonly pending = new Map<string, Pending>();
  private readonly confirmations: Promise<unknown>[] = [];
  private readonly confirms: boolean;

  constructor(private readonly hooks: TaskBookHooks) {
    // Version 2 on: each accepted decision is confirmed to the owning inbox (an idempotent activity), so
    // it reaches the inbox's record even when the service stopped between the Update and its row.
    this.confirms = patched(JOURNEYS_V2);
    setHandler(
      completeTaskUpdate,
      (input: CompleteTaskInput) => {
        const task = this.pending.get(input.taskId) as Pending;
        const checked = checkDecision(task.kind, input.decision);
        if (!checked.ok)
          throw ApplicationFailure.create({ type: TASK_REFUSALS.invalidDecision, message: checked.error, nonRetryable: true });
        task.decided = { decision: checked.decision, by: input.by, reason: input.reason.trim() };
        task.accepted = input;
        return { taskId: input.taskId, accepted: true as const };
      },
      { validator: (input: CompleteTaskInput) => this.validate(input) },
    );
  }

  private validate(input: CompleteTaskInput): void {
    const blocked = this.hooks.refuseAll?.();
    if (blocked) refuse(TASK_REFUSALS.wrongState, blocked);
    const task = this.pending.get(input.taskId);
    if (!task || task.decided)
      refuse(
        TASK_REFUSALS.notOpen,
        `task ${input.taskId} is not open in ${workflowInfo().workflowId}: already decided, cancelled or unknown`,
      );
    const open = task as Pending;
    if (typeof input.reason !== 'string' || input.reason.trim() === '') refuse(TASK_REFUSALS.invalidDecision, 'a decision needs a reason');
    const checked = checkDecision(open.kind, input.decision);
    if (!checked.ok) return refuse(TASK_REFUSALS.invalidDecision, checked.error);
    const broken = open.rule?.(checked.decision as never);
    if (broken) refuse(TASK_REFUSALS.invalidDecision, broken);
  }

  openCount(): number {
    return this.pending.size;
  }

  /** Waits for every decision's confirmation: call before the workflow returns or continues as new. */
  async settled(): Promise<void> {
    await Promise.all(this.confirmations);
  }

  async ask<K extends TaskKind>(request: TaskRequest<K>): Promise<Decided<K> | undefined> {
    const inbox = inboxOf(TASK_OWNERS[request.kind]);
    const taskId = uuid4();
    const dueAt = new Date(Date.now() + toMs(request.due)).toISOString();
    const summary: OpenTaskSummary = {
      taskId,
      kind: request.kind,
      queue: request.queue,
      title: request.title,
      dueAt,
      workflowId: workflowInfo().workflowId,
    };
    // Registered before the row exists: a person who sees the new task at once can already decide it.
    const task: Pending = { kind: request.kind, ...(request.rule ? { rule: request.rule as Pending['rule'] } : {}) };
    this.pending.set(taskId, task);
    const settled = (): boolean => task.decided !== undefined || (this.hooks.abandon?.() ?? false);
    const cancel = async (reason: string): Promise<undefined> => {
      this.pending.delete(taskId);
      // Runs even when the surrounding scope is being cancelled, so no orphan stays in an inbox.
      await CancellationScope.nonCancellable(async () => {
        await inbox.cancelTask({ taskId, reason });
        await this.hooks.closed(taskId, reason);
      });
      return undefined;
    };
    try {
      // The row and the report to the journey go out in the same workflow task.
      await Promise.all([
        inbox.createTask({
          taskId,
          workflowId: summary.workflowId,
          journeyRef: this.hooks.journeyRef,
          kind: request.kind,
          queue: request.queue,
          stage: this.hooks.stage(),
          riskLevel: this.hooks.riskLevel(),
          title: request.title,
          dueAt,
          context: request.context ?? {},
        }),
        this.hooks.opened(summary),
      ]);
      if (!(await condition(settled, toMs(request.due)))) {
        if (request.expires) return await cancel('the due date passed without it being done');
        await inbox.remindTask({ taskId });
        await this.hooks.note?.(`"${request.title}" is overdue: reminder sent to the ${request.queue} inbox.`);
        if (!(await condition(settled, toMs(this.hooks.escalationGrace)))) {
          const { queue } = await inbox.escalateTask({ taskId });
          await this.hooks.note?.(
            `"${request.title}" still undecided: escalated to the supervisors${queue === 'supervisors' ? "' inbox" : ''}.`,
          );
          await this.hooks.closed(taskId, 'overdue: escalated');
          await this.hooks.opened({ ...summary, queue });
          await condition(settled);
        }
      }
    } catch (error) {
      if (!task.decided) await cancel('no longer needed: the workflow was cancelled');
      throw error;
    }
    if (!task.decided) return cancel('no longer needed');
    this.pending.delete(taskId);
    if (this.confirms && task.accepted) {
      // Beside the workflow's next step, not before it; survives the workflow's own cancellation.
      const accepted = task.accepted;
      const confirmed = CancellationScope.nonCancellable(() => inbox.confirmDecision(accepted));
      void confirmed.catch(() => undefined);
      this.confirmations.push(confirmed);
    }
    await this.hooks.closed(taskId, 'decided');
    return task.decided as Decided<K>;
  }
}
