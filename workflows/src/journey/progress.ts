import { getExternalWorkflowHandle } from '@temporalio/workflow';
import { childProgressSignal, type ChildProgress, type OpenTaskSummary } from '@easi/contracts';
import type { TaskBookHooks } from './human-task';

/**
 * What a child tells its journey, batched: entries and closed tasks wait in a buffer and go with the
 * next flush (a new task, a long wait, the end), so each report costs one signal, not one per line.
 */
export class ParentReport {
  private buffer: ChildProgress[] = [];

  constructor(private readonly parentWorkflowId: string) {}

  add(progress: ChildProgress): void {
    this.buffer.push(progress);
  }

  say(what: string, by = 'system'): void {
    this.add({ entry: { what, by } });
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    try {
      await getExternalWorkflowHandle(this.parentWorkflowId).signal(childProgressSignal, batch);
    } catch {
      // The journey closed first (victim support outlives it); the child's own history still has it.
    }
  }

  async send(progress: ChildProgress): Promise<void> {
    this.add(progress);
    await this.flush();
  }
}

/** Task hooks for a child: its open tasks show in the journey's state and search attributes. */
export const childTaskHooks = (
  report: ParentReport,
  base: Pick<TaskBookHooks, 'journeyRef' | 'stage' | 'riskLevel' | 'escalationGrace' | 'abandon' | 'refuseAll'>,
): TaskBookHooks => ({
  ...base,
  opened: (task: OpenTaskSummary) => report.send({ taskOpened: task }),
  closed: (taskId: string) => report.add({ taskClosed: taskId }),
  note: (what: string) => report.send({ entry: { what, by: 'system' } }),
});
