import { defineUpdate } from '@temporalio/workflow';
import type { ServiceName } from './names';

/**
 * Human task inboxes (no zod here: workflow bundles import this). A workflow that needs a person asks
 * the owning service (an activity) to put a task in one of these queues (the agency team), then waits
 * for the decision, which arrives as the Update `completeTask` sent by that service's REST API.
 */
export const INBOX_QUEUES = ['easi-team', 'triage-clinic', 'psychology', 'victim-service', 'supervisors'] as const;
export type InboxQueueName = (typeof INBOX_QUEUES)[number];

export const TASK_STATUSES = ['open', 'claimed', 'completed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const RISK_LEVELS = ['standard', 'medium', 'high', 'very-high'] as const;

export const TASK_KINDS = [
  'eligibility-screening',
  'triage-decision',
  'disposal-decision',
  'consent-contract',
  'caution-condition',
  'breach-decision',
  'non-compliance-decision',
  'monitoring-review',
  'psychometrics-pre',
  'psychometrics-post',
  'session-outcome',
  'isac-contact',
  'safety-check-in',
  'victim-satisfaction',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

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
  queue: InboxQueueName;
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
  escalateTask(input: TaskRef): Promise<{ escalated: boolean; queue: InboxQueueName }>;
  /** The workflow no longer needs the decision (deadline passed, journey closed). */
  cancelTask(input: TaskRef & { reason: string }): Promise<{ cancelled: boolean }>;
  /**
   * The decision the workflow accepted, recorded in the inbox unless the service already did when it
   * sent the Update (it may have stopped in between): one completion, with who, when and why.
   */
  confirmDecision(input: CompleteTaskInput): Promise<{ recorded: boolean }>;
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
