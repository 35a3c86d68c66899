import { z } from 'zod';
import { IsoDateTime } from './common';
import { NotificationEnvelopeV1 } from './notifications';
import { INBOX_QUEUES, RISK_LEVELS, type TaskKind, type TaskStatus } from './task-names';

/** The inbox queues as a schema (request validation); the names themselves live in task-names. */
export const InboxQueue = z.enum(INBOX_QUEUES);
export type InboxQueue = z.infer<typeof InboxQueue>;

export const RiskLevelCode = z.enum(RISK_LEVELS);
export type RiskLevelCode = z.infer<typeof RiskLevelCode>;

const note = z.string().trim().max(2000).optional();

const ELIGIBILITY_OUTCOMES = ['eligible', 'ineligible', 'needs-case-discussion'] as const;

/**
 * A supervisor's override of the eligibility rules, carried inside the decision it produced: the
 * journey records who overrode what and why, and the screening service writes its append-only
 * override record from this note on whichever path records the decision first (its own request
 * after the journey accepted it, or the journey's `confirmDecision`), so the record cannot be lost.
 */
export const EligibilityOverrideNote = z.object({
  overrideId: z.uuid(),
  /** `overall` or the criterion overridden. */
  target: z.string().min(1).max(60),
  from: z.string().min(1).max(40),
  to: z.string().min(1).max(40),
  reason: z.string().trim().min(1).max(2000),
  /** The supervisor: agency and pseudonymous subject (`police:<subject>`). */
  by: z.string().min(1).max(200),
  at: IsoDateTime,
  rulesOutcome: z.enum(ELIGIBILITY_OUTCOMES),
  byRoles: z.array(z.string().min(1).max(40)).max(20).optional(),
  correlationId: z.string().max(200).optional(),
  /** What the rules read and returned, for the screening service's own record: the journey neither shows nor keeps it. */
  basis: z
    .object({
      facts: z.record(z.string(), z.unknown()),
      rulesResult: z.record(z.string(), z.unknown()),
      overriddenResult: z.record(z.string(), z.unknown()),
    })
    .optional(),
});
export type EligibilityOverrideNote = z.infer<typeof EligibilityOverrideNote>;

/** The override as the journey keeps it in its state: who, when, why and what changed, nothing more. */
export type EligibilityOverrideSummary = Pick<
  EligibilityOverrideNote,
  'overrideId' | 'target' | 'from' | 'to' | 'reason' | 'by' | 'at' | 'rulesOutcome'
>;

/** The decision each kind of task takes, as the workflow receives it. */
export const TASK_DECISIONS = {
  /** Sent by the screening service after applying the eligibility rules to the investigator's facts. */
  'eligibility-screening': z.object({
    outcome: z.enum(['eligible', 'ineligible', 'needs-case-discussion']),
    riskLevel: RiskLevelCode,
    reason: z.string().min(1).max(2000),
    rulesVersion: z.string().max(40).optional(),
    /** Present when a supervisor overrode the rules' outcome (the screening service's override route). */
    override: EligibilityOverrideNote.optional(),
  }),
  'triage-decision': z.object({
    outcome: z.enum(['refer-to-easi', 'no-further-action']),
    actions: z
      .array(z.enum(['apply-spo', 'safeguarding', 'marac-referral', 'victim-contact']))
      .max(10)
      .default([]),
  }),
  'disposal-decision': z.object({
    disposal: z.enum(['conditional-caution', 'spo-requirement', 'court-order-requirement', 'licence-condition']),
    /** Conditions of a conditional caution besides attending EASI, each due within the policy's period. */
    conditions: z
      .array(z.object({ code: z.string().regex(/^[a-z0-9-]{2,40}$/), description: z.string().max(200) }))
      .max(10)
      .default([]),
  }),
  'consent-contract': z.object({ consent: z.enum(['signed', 'declined']), contractVersion: z.string().min(1).max(20) }),
  'caution-condition': z.object({ outcome: z.literal('fulfilled'), evidence: note }),
  'breach-decision': z.object({ action: z.enum(['prosecute-original-offence', 'other-action']), detail: note }),
  'non-compliance-decision': z.object({ action: z.enum(['prosecute-original-offence', 'other-action']), detail: note }),
  'monitoring-review': z.object({ reoffended: z.boolean(), detail: note }),
  'psychometrics-pre': z.object({ instruments: z.array(z.enum(['AAQ-II', 'CFQ-7', 'CompACT'])).min(1) }),
  'psychometrics-post': z.object({ instruments: z.array(z.enum(['AAQ-II', 'CFQ-7', 'CompACT'])).min(1) }),
  'session-outcome': z.object({
    sessionNumber: z.number().int().min(1),
    outcome: z.enum(['attended', 'missed', 'rescheduled']),
    riskDisclosure: z.enum(['none', 'self-harm', 'threat-to-victim']).default('none'),
  }),
  'isac-contact': z.object({ engagement: z.enum(['engaged', 'declined', 'no-contact']), newRisk: z.boolean().default(false) }),
  'safety-check-in': z.object({ newRisk: z.boolean(), detail: note }),
  'victim-satisfaction': z.object({ completed: z.boolean() }),
} as const satisfies Record<TaskKind, z.ZodType>;

export type TaskDecision<K extends TaskKind> = z.infer<(typeof TASK_DECISIONS)[K]>;

/** A task as every service's inbox answers it (`GET /tasks`, `GET /tasks/:id`, claim, complete…). */
export type TaskView = {
  taskId: string;
  workflowId: string;
  journeyRef: string;
  kind: TaskKind;
  queue: InboxQueue;
  stage: string;
  riskLevel: string;
  title: string;
  status: TaskStatus;
  assignee: string | null;
  dueAt: string;
  overdue: boolean;
  context: Record<string, string | number | boolean>;
  decision: unknown;
  reason: string | null;
  completedBy: string | null;
  completedAt: string | null;
  remindedAt: string | null;
  escalatedAt: string | null;
  createdAt: string;
};

/** A page of a list the inboxes answer. */
export type Page<T> = { items: T[]; total: number; limit: number; offset: number };

/**
 * Notifications about tasks (`task.created`, `task.reminder`, `task.escalated`) and alerts
 * (`alert.<kind>`) on an audience's topic: pseudonymous references and a summary only.
 */
export const InboxNotificationV1 = NotificationEnvelopeV1.extend({
  type: z.string().regex(/^(task|alert)\.[a-z-]{2,40}$/, 'must be a task.* or alert.* notification'),
});
export type InboxNotificationV1 = z.infer<typeof InboxNotificationV1>;
