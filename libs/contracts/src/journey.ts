import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { OffenceFamily, Relationship } from './common';
import type { InboxQueueName as InboxQueue, TaskKind } from './task-names';
import type { EligibilityOverrideSummary } from './tasks';

/** Workflow type name of the perpetrator journey (one per EASI episode). */
export const JOURNEY_WORKFLOW_TYPE = 'perpetratorJourney';

export const journeyWorkflowId = (journeyRef: string): string => `journey-${journeyRef}`;

export const JOURNEY_STAGES = [
  'detected',
  'screening',
  'awaiting-triage',
  'triage',
  'disposal',
  'consent',
  'intervention',
  'compliance',
  'monitoring',
  'closed',
] as const;
export type JourneyStage = (typeof JOURNEY_STAGES)[number];

/**
 * Durations used by the journey, in milliseconds-parsable strings ("14 days", "2s").
 * They come in the workflow input so tests and demos run the real code with short timers.
 */
export type JourneyPolicy = {
  screeningDeadline: string;
  triageDecisionDeadline: string;
  disposalDeadline: string;
  consentDeadline: string;
  /** Time to record the outcome of one session, counted from when it is due. */
  sessionDeadline: string;
  /** Gap between one session and the next. */
  sessionSpacing: string;
  psychometricsDeadline: string;
  /** Due date of each conditional-caution condition, counted from the disposal. */
  cautionConditionDue: string;
  breachDecisionDeadline: string;
  monitoringReviewDeadline: string;
  /** How long new police events are watched after the intervention. */
  monitoringPeriod: string;
  victimContactDeadline: string;
  victimCheckInInterval: string;
  /** An overdue task is reminded at its due time and escalated to supervisors this long after. */
  escalationGrace: string;
  maxSessions: number;
  /** This many missed sessions sends a non-compliance decision to police. */
  maxMissedSessions: number;
  maxVictimCheckIns: number;
  /** Monitoring continues-as-new after this many events in one run (or when Temporal suggests it). */
  monitoringEventsPerRun: number;
};

export const DEFAULT_JOURNEY_POLICY: JourneyPolicy = {
  screeningDeadline: '5 days',
  triageDecisionDeadline: '28 days',
  disposalDeadline: '14 days',
  consentDeadline: '14 days',
  sessionDeadline: '2 days',
  sessionSpacing: '7 days',
  psychometricsDeadline: '7 days',
  cautionConditionDue: '16 weeks',
  breachDecisionDeadline: '7 days',
  monitoringReviewDeadline: '3 days',
  monitoringPeriod: '365 days',
  victimContactDeadline: '2 days',
  victimCheckInInterval: '14 days',
  escalationGrace: '2 days',
  maxSessions: 6,
  maxMissedSessions: 2,
  maxVictimCheckIns: 6,
  monitoringEventsPerRun: 100,
};

/** Seconds instead of days: the real code with short timers, for tests, the demo and the bench. */
export const SHORT_JOURNEY_POLICY: JourneyPolicy = {
  ...DEFAULT_JOURNEY_POLICY,
  screeningDeadline: '1 hour',
  triageDecisionDeadline: '1 hour',
  disposalDeadline: '1 hour',
  consentDeadline: '1 hour',
  sessionDeadline: '1 hour',
  sessionSpacing: '200 ms',
  psychometricsDeadline: '1 hour',
  cautionConditionDue: '1 hour',
  breachDecisionDeadline: '1 hour',
  monitoringReviewDeadline: '1 hour',
  monitoringPeriod: '3 seconds',
  victimContactDeadline: '1 hour',
  victimCheckInInterval: '1 hour',
  escalationGrace: '1 hour',
};

export const JOURNEY_OUTCOMES = [
  'ineligible',
  'high-risk',
  'triage-declined',
  'consent-declined',
  'consent-withdrawn',
  'non-attendance',
  'caution-breached',
  're-offended',
  'completed',
] as const;
export type JourneyOutcome = (typeof JOURNEY_OUTCOMES)[number];

/** Child workflows of the journey: type names and ids (derived from the pseudonymous journeyRef). */
export const CHILD_WORKFLOW_TYPES = {
  intervention: 'factIntervention',
  victimSupport: 'victimSupport',
  monitoring: 'breachMonitoring',
  compliance: 'cautionCompliance',
} as const;
export const interventionWorkflowId = (journeyRef: string): string => `journey-${journeyRef}-intervention`;
export const monitoringWorkflowId = (journeyRef: string): string => `journey-${journeyRef}-monitoring`;
export const complianceWorkflowId = (journeyRef: string): string => `journey-${journeyRef}-compliance`;
export const victimSupportWorkflowId = (journeyRef: string): string => `victim-support-${journeyRef}`;

/** What started or later reached a journey: pseudonymous facts only. */
export type JourneyTrigger = {
  kind: 'custody-event' | 'crime-report';
  sourceEventId: string;
  policeArea: string;
  personRef: string;
  victimRefs: string[];
  relationshipToVictim: Relationship;
  offenceFamilies: OffenceFamily[];
  occurredAt: string;
};

export type JourneyInput = {
  journeyRef: string;
  trigger: JourneyTrigger;
  policy: JourneyPolicy;
};

export type TimelineEntry = {
  at: string;
  stage: JourneyStage;
  what: string;
  /** Who decided, when a person did; "system" otherwise. */
  by: string;
};

export type OpenTaskSummary = { taskId: string; kind: TaskKind; queue: InboxQueue; title: string; dueAt: string; workflowId: string };

export type JourneyState = {
  journeyRef: string;
  stage: JourneyStage;
  timeline: TimelineEntry[];
  referralCaseRef?: string;
  riskLevel?: string;
  disposal?: string;
  sessionsAttended?: number;
  openTasks?: OpenTaskSummary[];
  outcome?: JourneyOutcome;
  closureReason?: string;
  /** Set when a supervisor overrode the eligibility rules' outcome at screening. */
  eligibilityOverride?: EligibilityOverrideSummary;
};

/** What a child workflow tells its journey, so the journey's timeline and search attributes stay whole. */
export type ChildProgress = {
  entry?: { what: string; by: string };
  taskOpened?: OpenTaskSummary;
  taskClosed?: string;
  sessionsAttended?: number;
};

/** A new risk raised by the victim service (no victim details: the kind of risk only). */
export type VictimRisk = { kind: 'new-risk'; detail: string; raisedBy: string };

/** A later police event about the same person reaches the open journey (signal-with-start). */
export const policeEventSignal = defineSignal<[JourneyTrigger]>('policeEvent');
export const journeyStateQuery = defineQuery<JourneyState>('journeyState');
/** Batched: a child sends what happened since its last report in one signal (fewer workflow tasks on both sides). */
export const childProgressSignal = defineSignal<[ChildProgress[]]>('childProgress');
export const victimRiskSignal = defineSignal<[VictimRisk]>('victimRisk');
/** The journey tells victim support it has closed; victim support may carry on (it can outlive it). */
export const journeyClosedSignal = defineSignal<[{ outcome: JourneyOutcome }]>('journeyClosed');
/** The journey forwards police events about the participant to follow-up monitoring. */
export const monitoredEventSignal = defineSignal<[JourneyTrigger]>('monitoredEvent');
/** Consent is withdrawn (a compliance event, not a deletion); refused unless consent is in force. */
export const withdrawConsentUpdate = defineUpdate<{ accepted: true }, [{ by: string; reason: string }]>('withdrawConsent');
