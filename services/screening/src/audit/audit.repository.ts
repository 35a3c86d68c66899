import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export type AuditEntry = {
  actor: string;
  agency: string;
  roles: string[];
  action: string;
  subjectType:
    | 'person'
    | 'crime-report'
    | 'screening-hit'
    | 'review-task'
    | 'review-queue'
    | 'assessment'
    | 'screening-list'
    | 'journey'
    | 'offence-family';
  subjectRef: string;
  reason: string;
  correlationId?: string;
  /** The people whose data the read returned or the decision touched, besides the subject (suspects, victims). */
  personRefs?: readonly string[];
};

export type AuditRow = Omit<AuditEntry, 'personRefs'> & { id: string; at: Date; personRefs: string[] };

const ROW_COLUMNS = `id::text AS id, at, actor, agency, roles, action, subject_type AS "subjectType", subject_ref AS "subjectRef", reason,
  correlation_id AS "correlationId", person_refs AS "personRefs"`;

/** Writes one audit row through the given connection or transaction (a decision's row commits with the decision). */
export const insertAuditEntry = async (manager: Pick<EntityManager, 'query'>, entry: AuditEntry): Promise<void> => {
  await manager.query(
    `INSERT INTO audit_log (actor, agency, roles, action, subject_type, subject_ref, reason, correlation_id, person_refs) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      entry.actor,
      entry.agency,
      entry.roles,
      entry.action,
      entry.subjectType,
      entry.subjectRef,
      entry.reason,
      entry.correlationId ?? null,
      [...new Set(entry.personRefs ?? [])].sort(),
    ],
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
      `SELECT ${ROW_COLUMNS} FROM audit_log WHERE subject_type = $1 AND subject_ref = $2 ORDER BY at DESC, id DESC LIMIT $3`,
      [subjectType, subjectRef, limit],
    );
  }

  /** Every row about the person: the person as the subject, or among the people a read returned or a decision touched. */
  forPerson(personRef: string, limit: number): Promise<AuditRow[]> {
    return this.dataSource.query(
      `SELECT ${ROW_COLUMNS} FROM audit_log
       WHERE (subject_type = 'person' AND subject_ref = $1) OR person_refs @> ARRAY[$1]::text[]
       ORDER BY at DESC, id DESC LIMIT $2`,
      [personRef, limit],
    );
  }
}
