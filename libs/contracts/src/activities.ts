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

export type CloseReferralCaseInput = { journeyRef: string; outcome: string; reason: string };

/** A cross-agency alert (new risk, relevant event during monitoring); idempotent by alertId. */
export type RaiseAlertInput = {
  alertId: string;
  journeyRef: string;
  kind: 'victim-risk' | 'monitoring-event' | 'session-risk-disclosure' | 'high-risk-referral' | 'non-compliance' | 'condition-missed';
  audiences: ('police' | 'psychology' | 'victim-service' | 'risk')[];
  summary: string;
};

export type ReferralActivities = {
  openReferralCase(input: OpenReferralCaseInput): Promise<OpenReferralCaseResult>;
  /** Records the journey's outcome on its case and announces it once (journey events topic). */
  closeReferralCase(input: CloseReferralCaseInput): Promise<{ closed: boolean }>;
  raiseAlert(input: RaiseAlertInput): Promise<{ raised: boolean }>;
};

export type OpenInterventionEpisodeInput = { journeyRef: string; participantRef: string };
export type OpenInterventionEpisodeResult = { journeyRef: string; status: string; created: boolean };

export type RecordSessionInput = {
  journeyRef: string;
  sessionNumber: number;
  /** Counts reschedules of the same session, so every record is its own row. */
  attempt: number;
  outcome: 'attended' | 'missed' | 'rescheduled';
  recordedBy: string;
};

export type CloseInterventionEpisodeInput = {
  journeyRef: string;
  status: 'completed' | 'non-compliant' | 'stopped';
  sessionsAttended: number;
};

export type InterventionActivities = {
  openInterventionEpisode(input: OpenInterventionEpisodeInput): Promise<OpenInterventionEpisodeResult>;
  recordSession(input: RecordSessionInput): Promise<{ created: boolean }>;
  closeInterventionEpisode(input: CloseInterventionEpisodeInput): Promise<{ closed: boolean }>;
};

export type VictimSupportStatusInput = { journeyRef: string };
export type VictimSupportStatusResult = { journeyRef: string; victimsAwaitingContact: number };

export type VictimSupportActivities = {
  victimSupportStatus(input: VictimSupportStatusInput): Promise<VictimSupportStatusResult>;
};

export type CustodyHistoryInput = { personRef: string };
export type CustodyHistoryResult = {
  personRef: string;
  events: { eventId: string; eventType: string; occurredAt: string; offenceFamilies: string[] }[];
};

export type ScreeningActivities = {
  custodyHistory(input: CustodyHistoryInput): Promise<CustodyHistoryResult>;
};
