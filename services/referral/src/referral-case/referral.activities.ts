import type { ReferralActivities, TaskActivities } from '@easi/contracts';
import { taskActivities, type TaskService } from '@easi/tasks';
import type { AlertService } from '../alerts/alert.service';
import type { ReferralCaseService } from './referral-case.service';

/** The activities the referral service runs on task queue `referral`. */
export const referralActivities = (
  service: ReferralCaseService,
  alerts: AlertService,
  tasks: TaskService,
): ReferralActivities & TaskActivities => ({
  openReferralCase: (input) => service.openCase(input),
  closeReferralCase: (input) => service.closeCase(input),
  raiseAlert: (input) => alerts.raise(input),
  ...taskActivities(tasks),
});
