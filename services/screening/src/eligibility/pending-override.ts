import { AsyncLocalStorage } from 'node:async_hooks';
import type { EligibilityDecision } from './eligibility-override';

/**
 * The decision a supervisor's override route has already checked and built, handed to the task
 * inbox's `toWorkflow` for the one completion it makes. The inbox's own `/tasks/:id/complete`
 * cannot carry an override (its schema is strict), so only the supervisor-only route can send one;
 * the context is bound to that request, so a concurrent completion never picks it up.
 */
const pending = new AsyncLocalStorage<EligibilityDecision>();

export const withPendingOverride = <T>(decision: EligibilityDecision, work: () => Promise<T>): Promise<T> => pending.run(decision, work);

export const pendingOverride = (): EligibilityDecision | undefined => pending.getStore();
