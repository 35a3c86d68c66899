import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { insertAuditEntry, type AuditEntry } from '../audit/audit.repository';

export type NewOverrideRow = {
  id: string;
  taskId: string;
  journeyRef: string;
  target: string;
  fromResult: string;
  toResult: string;
  reason: string;
  overriddenBy: string;
  overriddenByRoles: string[];
  overriddenAt: string;
  rulesOutcome: string;
  finalOutcome: string;
  riskLevel: string;
  facts: unknown;
  rulesResult: unknown;
  overriddenResult: unknown;
  correlationId: string | null;
};

export type OverrideRow = Omit<NewOverrideRow, 'overriddenAt' | 'correlationId'> & { overriddenAt: Date; correlationId: string | null };

const COLUMNS = `id::text AS id, task_id::text AS "taskId", journey_ref AS "journeyRef", target, from_result AS "fromResult", to_result AS "toResult", reason,
  overridden_by AS "overriddenBy", overridden_by_roles AS "overriddenByRoles", overridden_at AS "overriddenAt", rules_outcome AS "rulesOutcome",
  final_outcome AS "finalOutcome", risk_level AS "riskLevel", facts, rules_result AS "rulesResult", overridden_result AS "overriddenResult", correlation_id AS "correlationId"`;

/**
 * Writes an override and its audit row in the caller's transaction, once: the row's id is the
 * override id, so a second path recording the same decision inserts nothing, and the audit row is
 * written only with the row. (The audit row is written here rather than through AuditService so it
 * shares the transaction that records the task's decision.)
 */
export const recordOverrideOnce = async (manager: EntityManager, row: NewOverrideRow, audit: AuditEntry): Promise<boolean> => {
  const inserted: unknown[] = await manager.query(
    `INSERT INTO eligibility_override (id, task_id, journey_ref, target, from_result, to_result, reason, overridden_by, overridden_by_roles, overridden_at,
       rules_outcome, final_outcome, risk_level, facts, rules_result, overridden_result, correlation_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    [
      row.id,
      row.taskId,
      row.journeyRef,
      row.target,
      row.fromResult,
      row.toResult,
      row.reason,
      row.overriddenBy,
      row.overriddenByRoles,
      row.overriddenAt,
      row.rulesOutcome,
      row.finalOutcome,
      row.riskLevel,
      JSON.stringify(row.facts),
      JSON.stringify(row.rulesResult),
      JSON.stringify(row.overriddenResult),
      row.correlationId,
    ],
  );
  if (inserted.length === 0) return false;
  await insertAuditEntry(manager, audit);
  return true;
};

/** Supervisors' eligibility overrides, append-only (the table refuses UPDATE and DELETE). */
@Injectable()
export class EligibilityOverrideRepository {
  constructor(private readonly dataSource: DataSource) {}

  forJourney(journeyRef: string): Promise<OverrideRow[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM eligibility_override WHERE journey_ref = $1 ORDER BY overridden_at DESC, id`, [
      journeyRef,
    ]);
  }
}
