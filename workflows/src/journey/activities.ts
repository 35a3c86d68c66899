import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import { TASK_QUEUES, type InterventionActivities, type ReferralActivities, type ServiceName, type TaskActivities } from '@easi/contracts';

/**
 * Every activity is a short database write in the owning service: a tight start-to-close timeout,
 * retried with backoff for as long as a day (a service can be down for a while), never retried
 * when the service refuses for a business reason.
 */
const options = (taskQueue: string): ActivityOptions => ({
  taskQueue,
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['BusinessRefusal'] },
});

export const referral = proxyActivities<ReferralActivities & TaskActivities>(options(TASK_QUEUES.referral));
export const intervention = proxyActivities<InterventionActivities & TaskActivities>(options(TASK_QUEUES.intervention));

const inboxes: Record<ServiceName, TaskActivities> = {
  screening: proxyActivities<TaskActivities>(options(TASK_QUEUES.screening)),
  referral,
  intervention,
  'victim-support': proxyActivities<TaskActivities>(options(TASK_QUEUES.victimSupport)),
};

/** The task activities of the service that owns an inbox. */
export const inboxOf = (service: ServiceName): TaskActivities => inboxes[service];
