import { getExternalWorkflowHandle } from '@temporalio/workflow';
import { childProgressSignal, type ChildProgress, type OpenTaskSummary } from '@easi/contracts';
import type { TaskBookHooks } from './human-task';

/** Tells the parent journey what a child did; a journey that has already closed is not an error. */
export const reportTo = (parentWorkflowId: string) => async (progress: ChildProgress): Promise<void> => {
  try {
    await getExternalWorkflowHandle(parentWorkflowId).signal(childProgressSignal, progress);
  } catch {
    // The journey closed first (victim support outlives it); the child's own history still has it.
  }
};

/** Task hooks for a child: its open tasks show in the journey's state and search attributes. */
export const childTaskHooks = (
  report: (progress: ChildProgress) => Promise<void>,
  base: Pick<TaskBookHooks, 'journeyRef' | 'stage' | 'riskLevel' | 'escalationGrace' | 'abandon' | 'refuseAll'>,
): TaskBookHooks => ({
  ...base,
  opened: (task: OpenTaskSummary) => report({ taskOpened: task }),
  closed: (taskId: string) => report({ taskClosed: taskId }),
  note: (what: string) => report({ entry: { what, by: 'system' } }),
});
