import type { VictimSupportActivities } from '@easi/contracts';
import type { IsacReferralService } from './isac-referrals/isac-referral.service';

/** The activities the victim service runs on task queue `victim-support`: counts only, never victim details. */
export const victimSupportActivities = (referrals: IsacReferralService): VictimSupportActivities => ({
  async victimSupportStatus({ journeyRef }) {
    return { journeyRef, victimsAwaitingContact: await referrals.awaitingContact(journeyRef) };
  },
});
