import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HIT_COLUMNS, type HitRow } from '../daily-screening/screening-run.repository';

export type ReviewDecisionKind = 'confirm-misclassification' | 'reject-misclassification' | 'actions-recorded';

export type ReviewDecisionRow = {
  id: string;
  taskId: string;
  decision: ReviewDecisionKind;
  actionsTaken: string[];
  reclassificationRef: string | null;
  reason: string;
  decidedBy: string;
  decidedAt: Date;
};

export type MonthFigure = { month: string; flagged: number; confirmed: number; rejected: number };

const DECISION_COLUMNS = `id, task_id AS "taskId", decision, actions_taken AS "actionsTaken", reclassification_ref AS "reclassificationRef",
  reason, decided_by AS "decidedBy", decided_at AS "decidedAt"`;

/**
 * Review tasks (one per screening hit) and the reviewer's decisions, append-only. Kept in the
 * screening schema until the shared task inbox exists; the task id is what a reviewer acts on.
 */
@Injectable()
export class ReviewTaskRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(filter: { queue: string; status?: 'open' | 'completed'; day?: string }, limit: number, offset: number): Promise<HitRow[]> {
    return this.dataSource.query(
      `SELECT ${HIT_COLUMNS} FROM review_task t JOIN screening_hit h ON h.id = t.hit_id
       WHERE t.queue = $1 AND ($2::text IS NULL OR t.status = $2) AND ($3::date IS NULL OR h.screening_day = $3)
       ORDER BY t.created_at, t.id LIMIT $4 OFFSET $5`,
      [filter.queue, filter.status ?? null, filter.day ?? null, limit, offset],
    );
  }

  async one(taskId: string): Promise<HitRow | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${HIT_COLUMNS} FROM review_task t JOIN screening_hit h ON h.id = t.hit_id WHERE t.id = $1`,
      [taskId],
    )) as HitRow[];
    return rows[0] ?? null;
  }

  decisions(taskId: string): Promise<ReviewDecisionRow[]> {
    return this.dataSource.query(`SELECT ${DECISION_COLUMNS} FROM review_decision WHERE task_id = $1 ORDER BY decided_at, id`, [taskId]);
  }

  decisionsForTasks(taskIds: readonly string[]): Promise<ReviewDecisionRow[]> {
    if (taskIds.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT ${DECISION_COLUMNS} FROM review_decision WHERE task_id = ANY($1::uuid[]) ORDER BY decided_at, id`,
      [taskIds],
    );
  }

  /** Appends the decision and completes the task with it as the outcome, in one transaction. */
  async decide(
    taskId: string,
    decision: {
      decision: ReviewDecisionKind;
      actionsTaken: string[];
      reclassificationRef: string | null;
      reason: string;
      decidedBy: string;
    },
  ): Promise<ReviewDecisionRow> {
    return this.dataSource.transaction(async (m) => {
      const [row] = (await m.query(
        `INSERT INTO review_decision (task_id, decision, actions_taken, reclassification_ref, reason, decided_by) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING ${DECISION_COLUMNS}`,
        [taskId, decision.decision, decision.actionsTaken, decision.reclassificationRef, decision.reason, decision.decidedBy],
      )) as ReviewDecisionRow[];
      await m.query(
        `UPDATE review_task SET status = 'completed', outcome = $2, completed_at = COALESCE(completed_at, now()) WHERE id = $1`,
        [taskId, decision.decision],
      );
      return row!;
    });
  }

  /**
   * Per month, counted in reports, not versions: reports first flagged as possibly misclassified
   * that month (by screening day; an amended version flagged again is the same report, and is not
   * counted again), and reports whose reclassification review was confirmed or rejected that month
   * (by decision date, London time; a task's latest decision counts, a report once per month).
   */
  misclassifiedByMonth(from: string, to: string): Promise<MonthFigure[]> {
    return this.dataSource.query(
      `WITH months AS (SELECT to_char(m, 'YYYY-MM') AS month FROM generate_series(date_trunc('month', $1::date), date_trunc('month', $2::date), interval '1 month') m),
       first_flag AS (
         SELECT source_ref, min(screening_day) AS day FROM screening_hit
         WHERE misclassification_confidence IS NOT NULL AND source = 'crime-report'
         GROUP BY source_ref
       ),
       flagged AS (
         SELECT to_char(day, 'YYYY-MM') AS month, count(*)::int AS n FROM first_flag
         WHERE day BETWEEN date_trunc('month', $1::date) AND (date_trunc('month', $2::date) + interval '1 month - 1 day')
         GROUP BY 1
       ),
       latest AS (
         SELECT DISTINCT ON (d.task_id) d.task_id, d.decision, d.decided_at FROM review_decision d
         WHERE d.decision IN ('confirm-misclassification', 'reject-misclassification')
         ORDER BY d.task_id, d.decided_at DESC, d.id DESC
       ),
       decided AS (
         SELECT to_char(latest.decided_at AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month,
                count(DISTINCT h.source_ref) FILTER (WHERE latest.decision = 'confirm-misclassification')::int AS confirmed,
                count(DISTINCT h.source_ref) FILTER (WHERE latest.decision = 'reject-misclassification')::int AS rejected
         FROM latest JOIN review_task t ON t.id = latest.task_id JOIN screening_hit h ON h.id = t.hit_id
         GROUP BY 1
       )
       SELECT months.month, COALESCE(flagged.n, 0) AS flagged, COALESCE(decided.confirmed, 0) AS confirmed, COALESCE(decided.rejected, 0) AS rejected
       FROM months LEFT JOIN flagged USING (month) LEFT JOIN decided USING (month) ORDER BY months.month`,
      [from, to],
    );
  }

  /** The report's other hits (its other versions on any day's list), newest version first. */
  otherVersions(hit: Pick<HitRow, 'id' | 'source' | 'sourceRef'>): Promise<HitRow[]> {
    return this.dataSource.query(
      `SELECT ${HIT_COLUMNS} FROM screening_hit h LEFT JOIN review_task t ON t.hit_id = h.id
       WHERE h.source = $1 AND h.source_ref = $2 AND h.id <> $3 ORDER BY h.source_version DESC, h.screening_day DESC`,
      [hit.source, hit.sourceRef, hit.id],
    );
  }
}
