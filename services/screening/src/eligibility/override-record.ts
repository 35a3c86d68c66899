import { describeIssues, TASK_DECISIONS } from '@easi/contracts';
import { actorParts, type RecordedDecision } from '@easi/tasks';
import type { AuditEntry } from '../audit/audit.repository';
import type { NewOverrideRow } from './eligibility-override.repository';

export type OverrideRecord = { row: NewOverrideRow; audit: AuditEntry };

/** What a recorded eligibility decision asks of the override table: nothing, a row and its audit, or a note too incomplete to record. */
export type OverrideRecording =
  { kind: 'none' } | { kind: 'record'; record: OverrideRecord } | { kind: 'unrecordable'; overrideId: string; why: string };

const idOf = (decision: unknown): string => {
  const override =
    typeof decision === 'object' && decision !== null ? (decision as { override?: { overrideId?: unknown } }).override : undefined;
  return typeof override?.overrideId === 'string' ? override.overrideId : 'unknown';
};

/**
 * The override row and its audit row, read from the decision the journey accepted: the same on the
 * request path and on the journey's `confirmDecision`, so either can write them (once: the row's id
 * is the override id). The audit row names the supervisor, never the process that records it.
 */
export const overrideRecordingOf = (recorded: Pick<RecordedDecision, 'taskId' | 'journeyRef' | 'decision'>): OverrideRecording => {
  const parsed = TASK_DECISIONS['eligibility-screening'].safeParse(recorded.decision);
  if (!parsed.success) {
    const hasOverride = typeof recorded.decision === 'object' && recorded.decision !== null && 'override' in recorded.decision;
    return hasOverride
      ? { kind: 'unrecordable', overrideId: idOf(recorded.decision), why: describeIssues(parsed.error).join('; ') }
      : { kind: 'none' };
  }
  const decision = parsed.data;
  const note = decision.override;
  if (!note) return { kind: 'none' };
  // A note sent before overrides carried their basis: that version's request wrote its own row.
  if (!note.basis)
    return {
      kind: 'unrecordable',
      overrideId: note.overrideId,
      why: 'the note carries no facts and rules results (sent by an earlier version)',
    };
  const roles = note.byRoles ?? [];
  // The supervisor's agency and subject, from the note's `by` as `actorOf` wrote it.
  const { agency, subject } = actorParts(note.by);
  const correlationId = note.correlationId ?? null;
  return {
    kind: 'record',
    record: {
      row: {
        id: note.overrideId,
        taskId: recorded.taskId,
        journeyRef: recorded.journeyRef,
        target: note.target,
        fromResult: note.from,
        toResult: note.to,
        reason: note.reason,
        overriddenBy: note.by,
        overriddenByRoles: roles,
        overriddenAt: note.at,
        rulesOutcome: note.rulesOutcome,
        finalOutcome: decision.outcome,
        riskLevel: decision.riskLevel,
        facts: note.basis.facts,
        rulesResult: note.basis.rulesResult,
        overriddenResult: note.basis.overriddenResult,
        correlationId,
      },
      audit: {
        actor: subject,
        agency,
        roles,
        action: 'override-eligibility',
        subjectType: 'journey',
        subjectRef: recorded.journeyRef,
        reason: `eligibility override: ${note.reason}`,
        ...(correlationId ? { correlationId } : {}),
      },
    },
  };
};
