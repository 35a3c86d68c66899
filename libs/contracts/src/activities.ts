/**
 * Activity interfaces per service task queue. Workflows call them with
 * `proxyActivities<ReferralActivities>({ taskQueue: TASK_QUEUES.referral, ... })`;
 * the service registers an implementation of the same type on its worker.
 */

export type OpenReferralCaseInput = {
  journeyRef: string;
  policeArea: string;
  personRef: string;
  victimRefs: string[];
  relationshipToVictim: string;
  sourceEventId: string;
};

export type OpenReferralCaseResult = {
  caseRef: string;
  /** False when a retry found the case already open (idempotent). */
  created: boolean;
};

export type ReferralActivities = {
  openReferralCase(input: OpenReferralCaseInput): Promise<OpenReferralCaseResult>;
};
