import { defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import type { ServiceName } from './names';
import { NotificationEnvelopeV1 } from './notifications';

/**
 * Human task inboxes. A workflow that needs a person asks the owning service (an activity) to put a
 * task in one of these queues (the agency team), then waits for the decision, which arrives as the
 * Update `completeTask` sent by that service's REST API.
 */
export const INBOX_QUEUES = ['easi-team', 'triage-clinic', 'psychology', 'victim-service', 'supervisors'] as const;
export const InboxQueue = z.enum(INBOX_QUEUES);
export type InboxQueue = z.infer<typeof InboxQueue>;

export const TASK_STATUSES = ['open', 'claimed', 'completed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const RISK_LEVELS = ['standard', 'medium', 'high', 'very-high'] as const;
export const RiskLevelCode = z.enum(RISK_LEVELS);
export type RiskLevelCode = z.infer<typeof RiskLevelCode>;

const note = z.string().trim().max(2000).optional();

/** The decision each kind of task takes, as the workflow receives it. */
export const TASK_DECISIONS = {
  /** Sent by the screening service after applying the eligibility rules to the investigator's facts. */
  'eligibility-screening': z.object({
    outcome: z.enum(['eligible', 'ineligible', 'needs-case-discussion']),
    riskLevel: RiskLevelCode,
    reason: z.string().min(1).max(2000),
    rulesVersion: z.string().max(40).optional(),
  }),
  'triage-decision': z.object({
    outcome: z.enum(['refer-to-easi', 'no-further-action']),
    actions: z.array(z.enum(['apply-spo', 'safeguarding', 'marac-referral', 'victim-contact'])).max(10).default([]),
  }),
  'disposal-decision': z.object({
    disposal: z.enum(['conditional-caution', 'spo-requirement', 'court-order-requirement', 'licence-condition']),
    /** Conditions of a conditional caution besides attending EASI, each due within the policy's period. */
    conditions: z.array(z.object({ code: z.string().regex(/^[a-z0-9-]{2,40}$/), description: z.string().max(200) })).max(10).default([]),
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
} as const;

export type TaskKind = keyof typeof TASK_DECISIONS;
export const TASK_KINDS = Object.keys(TASK_DECISIONS) as TaskKind[];
export type TaskDecision<K extends TaskKind> = z.infer<(typeof TASK_DECISIONS)[K]>;

/** Which service holds each kind of task (its inbox, its schema, its activity worker). */
export const TASK_OWNERS: Record<TaskKind, ServiceName> = {
  'eligibility-screening': 'screening',
  'triage-decision': 'referral',
  'disposal-decision': 'referral',
  'consent-contract': 'referral',
  'caution-condition': 'referral',
  'breach-decision': 'referral',
  'non-compliance-decision': 'referral',
  'monitoring-review': 'referral',
  'psychometrics-pre': 'intervention',
  'psychometrics-post': 'intervention',
  'session-outcome': 'intervention',
  'isac-contact': 'victim-support',
  'safety-check-in': 'victim-support',
  'victim-satisfaction': 'victim-support',
};

/** What the workflow passes to the owning service's `createTask` activity. Pseudonymous only. */
export type CreateTaskInput = {
  /** Chosen by the workflow (deterministic), so a retried activity finds the same row. */
  taskId: string;
  workflowId: string;
  journeyRef: string;
  kind: TaskKind;
  queue: InboxQueue;
  stage: string;
  riskLevel: string;
  title: string;
  dueAt: string;
  /** Pseudonymous facts the person needs to decide (e.g. session number), never personal data. */
  context: Record<string, string | number | boolean>;
};

export type TaskRef = { taskId: string };

export type TaskActivities = {
  /** Idempotent: one row and one notification per taskId whatever the retries. */
  createTask(input: CreateTaskInput): Promise<{ created: boolean }>;
  /** First reminder to the queue; a retry or a second call sends nothing more. */
  remindTask(input: TaskRef): Promise<{ reminded: boolean }>;
  /** Moves an overdue task to the supervisors' queue (where the service holds one), once; says where it now is. */
  escalateTask(input: TaskRef): Promise<{ escalated: boolean; queue: InboxQueue }>;
  /** The workflow no longer needs the decision (deadline passed, journey closed). */
  cancelTask(input: TaskRef & { reason: string }): Promise<{ cancelled: boolean }>;
};

/** Update sent by a service when a person completes a task. */
export type CompleteTaskInput = {
  taskId: string;
  decision: unknown;
  /** The deciding person's subject (pseudonymous staff id) and agency. */
  by: string;
  reason: string;
};
export type CompleteTaskResult = { taskId: string; accepted: true };
export const completeTaskUpdate = defineUpdate<CompleteTaskResult, [CompleteTaskInput]>('completeTask');

/** ApplicationFailure types a `completeTask` validator throws; the REST layer maps them to HTTP. */
export const TASK_REFUSALS = {
  /** The task is not open in this workflow (already decided, cancelled, unknown): 409. */
  notOpen: 'TaskNotOpen',
  /** The decision is malformed or breaks a rule (a seventh session): 422. */
  invalidDecision: 'InvalidDecision',
  /** The workflow is in a state where this cannot happen (consent for a closed journey): 409. */
  wrongState: 'WrongJourneyState',
} as const;

/**
 * Notifications about tasks (`task.created`, `task.reminder`, `task.escalated`) and alerts
 * (`alert.<kind>`) on an audience's topic: pseudonymous references and a summary only.
 */
export const InboxNotificationV1 = NotificationEnvelopeV1.extend({
  type: z.string().regex(/^(task|alert)\.[a-z-]{2,40}$/, 'must be a task.* or alert.* notification'),
});
export type InboxNotificationV1 = z.infer<typeof InboxNotificationV1>;
