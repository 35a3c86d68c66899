import type { TaskActivities, VictimSupportActivities } from '@easi/contracts';
import { taskActivities, type TaskService } from '@easi/tasks';
import type { IsacReferralService } from './isac-referrals/isac-referral.service';

/** The activities the victim service runs on task queue `victim-support`: counts and tasks only, never victim details. */
export const victimSupportActivities = (referrals: IsacReferralService, tasks: TaskService): VictimSupportActivities & TaskActivities => ({
  async victimSupportStatus({ journeyRef }) {
    return { journeyRef, victimsAwaitingContact: await referrals.awaitingContact(journeyRef) };
  },
  ...taskActivities(tasks),
});
