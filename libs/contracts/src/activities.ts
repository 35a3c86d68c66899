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

export type OpenInterventionEpisodeInput = { journeyRef: string; participantRef: string };
export type OpenInterventionEpisodeResult = { journeyRef: string; status: string; created: boolean };

export type InterventionActivities = {
  openInterventionEpisode(input: OpenInterventionEpisodeInput): Promise<OpenInterventionEpisodeResult>;
};

export type VictimSupportStatusInput = { journeyRef: string };
export type VictimSupportStatusResult = { journeyRef: string; victimsAwaitingContact: number };

export type VictimSupportActivities = {
  victimSupportStatus(input: VictimSupportStatusInput): Promise<VictimSupportStatusResult>;
};

export type CustodyHistoryInput = { personRef: string };
export type CustodyHistoryResult = { personRef: string; events: { eventId: string; eventType: string; occurredAt: string; offenceFamilies: string[] }[] };

export type ScreeningActivities = {
  custodyHistory(input: CustodyHistoryInput): Promise<CustodyHistoryResult>;
};
