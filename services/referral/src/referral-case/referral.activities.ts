import type { ReferralActivities } from '@easi/contracts';
import type { ReferralCaseService } from './referral-case.service';

/** The activities the referral service runs on task queue `referral`. */
export const referralActivities = (service: ReferralCaseService): ReferralActivities => ({
  openReferralCase: (input) => service.openCase(input),
});
