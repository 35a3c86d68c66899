import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export type AuditEntry = {
  actor: string;
  agency: string;
  roles: string[];
  action: string;
  subjectType: 'person' | 'crime-report' | 'screening-hit' | 'review-task' | 'assessment' | 'screening-list' | 'journey';
  subjectRef: string;
  reason: string;
  correlationId?: string;
};

export type AuditRow = AuditEntry & { id: string; at: Date };

/** Writes one audit row through the given connection or transaction (a decision's row commits with the decision). */
export const insertAuditEntry = async (manager: Pick<EntityManager, 'query'>, entry: AuditEntry): Promise<void> => {
  await manager.query(
    `INSERT INTO audit_log (actor, agency, roles, action, subject_type, subject_ref, reason, correlation_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [entry.actor, entry.agency, entry.roles, entry.action, entry.subjectType, entry.subjectRef, entry.reason, entry.correlationId ?? null],
  );
};

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  insert(entry: AuditEntry): Promise<void> {
    return insertAuditEntry(this.dataSource.manager, entry);
  }

  forSubject(subjectType: string, subjectRef: string, limit: number): Promise<AuditRow[]> {
    return this.dataSource.query(
      `SELECT id::text AS id, at, actor, agency, roles, action, subject_type AS "subjectType", subject_ref AS "subjectRef", reason, correlation_id AS "correlationId"
       FROM audit_log WHERE subject_type = $1 AND subject_ref = $2 ORDER BY at DESC, id DESC LIMIT $3`,
      [subjectType, subjectRef, limit],
    );
  }
}
