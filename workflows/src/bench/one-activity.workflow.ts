import { proxyActivities } from '@temporalio/workflow';

/** The bench's baseline: the engine's own rate for a workflow with one activity (not part of the journey bundle). */
export type BareActivities = { noop(n: number): Promise<number> };

const { noop } = proxyActivities<BareActivities>({ startToCloseTimeout: '30 seconds' });

export async function oneActivity(n: number): Promise<number> {
  return noop(n);
}
