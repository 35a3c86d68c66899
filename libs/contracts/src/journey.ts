import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { OffenceFamily, Relationship } from './common';

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
  triageDecisionDeadline: string;
};

export const DEFAULT_JOURNEY_POLICY: JourneyPolicy = {
  triageDecisionDeadline: '28 days',
};

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

export type JourneyState = {
  journeyRef: string;
  stage: JourneyStage;
  timeline: TimelineEntry[];
  referralCaseRef?: string;
};

/** A later police event about the same person reaches the open journey (signal-with-start). */
export const policeEventSignal = defineSignal<[JourneyTrigger]>('policeEvent');
export const journeyStateQuery = defineQuery<JourneyState>('journeyState');
