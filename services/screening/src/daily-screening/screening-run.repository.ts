import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { OffenceFamily, Relationship } from '@easi/contracts';
import { foldIntoEarlierReviews, type EarlierReview } from './earlier-reviews';
import type { CustodyForScreening, Flag, ReportForScreening } from './hit-rules';

export type ScreeningRunRow = {
  day: string;
  cutoff: Date;
  status: 'running' | 'completed';
  workflowId: string;
  executions: number;
  startedAt: Date;
  completedAt: Date | null;
  reportsTotal: number;
  reportsScreened: number;
  custodyTotal: number;
  hits: number;
};

export type NewHit = {
  day: string;
  source: 'crime-report' | 'custody-record';
  sourceRef: string;
  sourceVersion: number;
  policeArea: string;
  recordedFamily: string;
  relationship: string;
  suspectRefs: string[];
  victimRefs: string[];
  linkedReportRefs: string[];
  flags: Flag[];
  misclassificationConfidence: number | null;
  suggestedActions: string[];
  /** The review task the hit opens; null when it joins the report's earlier review (see earlier-reviews.ts). */
  taskKind: 'screening-review' | 'reclassification-review' | null;
};

export type HitRow = Omit<NewHit, 'taskKind' | 'day'> & {
  id: string;
  day: string;
  createdAt: Date;
  taskId: string | null;
  taskKind: string | null;
  taskStatus: string | null;
  taskOutcome: string | null;
};

/** Everyone the hits show (suspects and victims): a read of them is audited against each, so it reaches their access logs. */
export const peopleOnHits = (hits: readonly Pick<HitRow, 'suspectRefs' | 'victimRefs'>[]): string[] =>
  hits.flatMap((h) => [...h.suspectRefs, ...h.victimRefs]);

export type ChunkRow = ReportForScreening & { id: string; policeArea: string; suspectRefs: string[] };

const RUN_COLUMNS = `day::text AS day, cutoff, status, workflow_id AS "workflowId", executions, started_at AS "startedAt", completed_at AS "completedAt",
  reports_total AS "reportsTotal", reports_screened AS "reportsScreened", custody_total AS "custodyTotal", hits`;

export const HIT_COLUMNS = `h.id, h.screening_day::text AS day, h.source, h.source_ref AS "sourceRef", h.source_version AS "sourceVersion", h.police_area AS "policeArea",
  h.recorded_family AS "recordedFamily", h.relationship, h.suspect_refs AS "suspectRefs", h.victim_refs AS "victimRefs",
  h.linked_report_refs AS "linkedReportRefs", h.flags, h.misclassification_confidence AS "misclassificationConfidence",
  h.suggested_actions AS "suggestedActions", h.created_at AS "createdAt", t.id AS "taskId", t.kind AS "taskKind", t.status AS "taskStatus", t.outcome AS "taskOutcome"`;

/** The day's runs, the reports and custody records each day claims, and the hits with their review tasks. */
@Injectable()
export class ScreeningRunRepository {
  constructor(private readonly dataSource: DataSource) {}

  completedDays(from: string, to: string): Promise<{ day: string }[]> {
    return this.dataSource.query(`SELECT day::text AS day FROM screening_run WHERE status = 'completed' AND day BETWEEN $1 AND $2`, [
      from,
      to,
    ]);
  }

  async lastCompletedBefore(day: string): Promise<string | null> {
    const rows = (await this.dataSource.query(`SELECT max(day)::text AS day FROM screening_run WHERE status = 'completed' AND day < $1`, [
      day,
    ])) as { day: string | null }[];
    return rows[0]?.day ?? null;
  }

  /** Opens (or reopens) the day's run and claims every unscreened report and custody record up to the cutoff. */
  async begin(day: string, cutoff: Date, workflowId: string): Promise<{ reports: number; custodyRecords: number }> {
    return this.dataSource.transaction(async (m) => {
      await m.query('SET LOCAL jit = off');
      await m.query(
        `INSERT INTO screening_run (day, cutoff, status, workflow_id) VALUES ($1, $2, 'running', $3)
         ON CONFLICT ON CONSTRAINT pk_screening_run DO UPDATE SET
           status = 'running', completed_at = NULL,
           executions = screening_run.executions + CASE WHEN screening_run.workflow_id = EXCLUDED.workflow_id THEN 0 ELSE 1 END,
           workflow_id = EXCLUDED.workflow_id`,
        [day, cutoff, workflowId],
      );
      await m.query(`UPDATE crime_report_version SET screening_day = $1 WHERE screening_day IS NULL AND recorded_at <= $2`, [day, cutoff]);
      await m.query(
        `INSERT INTO custody_screening (event_id, screening_day)
         SELECT c.event_id, $1 FROM custody_event c
         WHERE c.occurred_at <= $2
           AND EXISTS (SELECT 1 FROM jsonb_array_elements(c.payload->'offences') o JOIN offence_family f ON f.family = o->>'family' AND f.screened)
         ON CONFLICT ON CONSTRAINT pk_custody_screening DO NOTHING`,
        [day, cutoff],
      );
      const [counts] = (await m.query(
        `SELECT (SELECT count(*) FROM crime_report_version WHERE screening_day = $1)::int AS reports,
                (SELECT count(*) FROM custody_screening WHERE screening_day = $1)::int AS "custodyRecords"`,
        [day],
      )) as { reports: number; custodyRecords: number }[];
      await m.query(`UPDATE screening_run SET reports_total = $2, custody_total = $3 WHERE day = $1`, [
        day,
        counts!.reports,
        counts!.custodyRecords,
      ]);
      return counts!;
    });
  }

  /** The next reports of the day after `afterId`, with the links the rules read. */
  async chunk(day: string, afterId: string, limit: number, lane = 0, lanes = 1): Promise<ChunkRow[]> {
    const rows = (await this.dataSource.transaction(async (m) => {
      // The per-row link lookups look expensive to the planner; compiling them (JIT) costs more than running them.
      await m.query('SET LOCAL jit = off');
      return m.query(
        `WITH bounds AS (
         -- Each lane takes one contiguous share of the day's ids, so a chunk reads its own rows in
         -- index order and stops at the limit (a modulo filter read the whole day for every chunk).
         SELECT lo + (hi - lo + 1) * $5::int / $4::int AS lane_lo, lo + (hi - lo + 1) * ($5::int + 1) / $4::int AS lane_hi
         FROM (SELECT (SELECT min(id) FROM crime_report_version WHERE screening_day = $1) AS lo,
                      (SELECT max(id) FROM crime_report_version WHERE screening_day = $1) AS hi) AS day_ids
       ),
       chunk AS (
         SELECT id, report_ref, version, change_type, police_area, recorded_family, relationship, narrative, suspects, victim_refs, linked_report_refs, recorded_at
         FROM crime_report_version, bounds
         WHERE screening_day = $1 AND id > $2::bigint AND id >= bounds.lane_lo AND id < bounds.lane_hi
         ORDER BY screening_day, id LIMIT $3
       )
       SELECT c.id::text AS id, c.report_ref AS "reportRef", c.version, c.change_type AS "changeType", c.police_area AS "policeArea",
              c.recorded_family AS "recordedFamily", c.relationship, c.narrative, c.victim_refs AS "victimRefs",
              ARRAY(SELECT s->>'personRef' FROM jsonb_array_elements(c.suspects) s) AS "suspectRefs",
              c.linked_report_refs AS "sourceLinkedReports",
              ARRAY(SELECT DISTINCT p2.report_ref FROM jsonb_array_elements(c.suspects) s(value) CROSS JOIN unnest(c.victim_refs) v(victim_ref)
                    JOIN crime_report_party p2 ON p2.suspect_ref = s.value->>'personRef' AND p2.victim_ref = v.victim_ref
                    WHERE p2.report_ref <> c.report_ref AND p2.recorded_at <= c.recorded_at) AS "samePairReports",
              other.reports AS "sameSuspectOtherVictimReports",
              other.victims AS "otherVictims"
       FROM chunk c
       CROSS JOIN LATERAL (
         SELECT COALESCE(array_agg(DISTINCT p2.report_ref), '{}') AS reports, count(DISTINCT p2.victim_ref)::int AS victims
         FROM jsonb_array_elements(c.suspects) s(value)
         JOIN crime_report_party p2 ON p2.suspect_ref = s.value->>'personRef' AND p2.victim_ref <> '' AND NOT p2.victim_ref = ANY(c.victim_refs)
         WHERE p2.report_ref <> c.report_ref
       ) AS other
       ORDER BY c.id`,
        [day, afterId, limit, lanes, lane],
      ) as Promise<unknown[]>;
    })) as (Omit<ChunkRow, 'recordedFamily' | 'relationship'> & { recordedFamily: string; relationship: string })[];
    return rows.map((r) => ({ ...r, recordedFamily: r.recordedFamily as OffenceFamily, relationship: r.relationship as Relationship }));
  }

  async custodyRecords(day: string): Promise<(CustodyForScreening & { policeArea: string; personRef: string })[]> {
    const rows = (await this.dataSource.query(
      `SELECT c.event_id AS "eventId", c.event_type AS "eventType", c.police_area AS "policeArea", c.person_ref AS "personRef", c.payload
       FROM custody_screening s JOIN custody_event c ON c.event_id = s.event_id WHERE s.screening_day = $1 ORDER BY c.event_id`,
      [day],
    )) as {
      eventId: string;
      eventType: string;
      policeArea: string;
      personRef: string;
      payload: { relationshipToVictim: Relationship; victimRefs?: string[]; crimeReportRefs?: string[]; offences: { family: string }[] };
    }[];
    return rows.map((r) => ({
      eventId: r.eventId,
      eventType: r.eventType,
      policeArea: r.policeArea,
      personRef: r.personRef,
      relationship: r.payload.relationshipToVictim,
      families: r.payload.offences.map((o) => o.family),
      victimRefs: r.payload.victimRefs ?? [],
      crimeReportRefs: r.payload.crimeReportRefs ?? [],
    }));
  }

  /**
   * Inserts hits not stored yet and a review task for each new hit that opens one. A report gets
   * one reclassification review, not one per version: while a hit of the report is written, its
   * earlier reviews are read and the report is locked (per report, in lock-id order so two lanes
   * cannot deadlock), so two lanes screening two versions at once still open one task.
   */
  async insertHits(hits: readonly NewHit[], queue: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    if (hits.length === 0) return 0;
    const reviewed = [
      ...new Set(hits.filter((h) => h.source === 'crime-report' && h.taskKind === 'reclassification-review').map((h) => h.sourceRef)),
    ];
    if (reviewed.length === 0) return this.writeHits(hits, queue, manager);
    return manager.transaction(async (m) => {
      await m.query(
        `SELECT pg_advisory_xact_lock(lock_id) FROM (SELECT DISTINCT hashtext('easi-screening-reclassification:' || ref) AS lock_id FROM unnest($1::text[]) ref ORDER BY 1) locks`,
        [reviewed],
      );
      return this.writeHits(foldIntoEarlierReviews(hits, await this.earlierReviews(reviewed, m)), queue, m);
    });
  }

  /** Each report's latest reclassification review task (open, or its latest confirm or reject decision). */
  private async earlierReviews(reportRefs: readonly string[], m: EntityManager): Promise<EarlierReview[]> {
    return (await m.query(
      `SELECT DISTINCT ON (h.source_ref) h.source_ref AS "sourceRef", h.source_version AS version, t.id AS "taskId", t.status,
              d.decision, d.decided_at AS "decidedAt", d.reclassification_ref AS "reclassificationRef"
       FROM screening_hit h
       JOIN review_task t ON t.hit_id = h.id AND t.kind = 'reclassification-review'
       LEFT JOIN LATERAL (
         SELECT decision, decided_at, reclassification_ref FROM review_decision
         WHERE task_id = t.id AND decision IN ('confirm-misclassification', 'reject-misclassification')
         ORDER BY decided_at DESC, id DESC LIMIT 1
       ) d ON true
       WHERE h.source = 'crime-report' AND h.source_ref = ANY($1::text[])
       ORDER BY h.source_ref, (t.status = 'open') DESC, t.created_at DESC, t.id DESC`,
      [reportRefs],
    )) as EarlierReview[];
  }

  private async writeHits(hits: readonly NewHit[], queue: string, manager: EntityManager): Promise<number> {
    const rows = hits.map((h) => ({
      screening_day: h.day,
      source: h.source,
      source_ref: h.sourceRef,
      source_version: h.sourceVersion,
      police_area: h.policeArea,
      recorded_family: h.recordedFamily,
      relationship: h.relationship,
      suspect_refs: h.suspectRefs,
      victim_refs: h.victimRefs,
      linked_report_refs: h.linkedReportRefs,
      flags: h.flags,
      misclassification_confidence: h.misclassificationConfidence,
      suggested_actions: h.suggestedActions,
      task_kind: h.taskKind,
    }));
    const [result] = (await manager.query(
      `WITH input AS (
         SELECT * FROM json_to_recordset($1::json) AS r(screening_day date, source text, source_ref text, source_version integer, police_area text,
           recorded_family text, relationship text, suspect_refs jsonb, victim_refs jsonb, linked_report_refs jsonb, flags jsonb,
           misclassification_confidence real, suggested_actions jsonb, task_kind text)
       ),
       ins AS (
         INSERT INTO screening_hit (screening_day, source, source_ref, source_version, police_area, recorded_family, relationship, suspect_refs,
           victim_refs, linked_report_refs, flags, misclassification_confidence, suggested_actions)
         SELECT screening_day, source, source_ref, source_version, police_area, recorded_family, relationship,
           ARRAY(SELECT jsonb_array_elements_text(suspect_refs)), ARRAY(SELECT jsonb_array_elements_text(victim_refs)),
           ARRAY(SELECT jsonb_array_elements_text(linked_report_refs)), flags, misclassification_confidence,
           ARRAY(SELECT jsonb_array_elements_text(suggested_actions))
         FROM input
         ON CONFLICT ON CONSTRAINT uq_screening_hit_source DO NOTHING
         RETURNING id, source, source_ref, source_version
       ),
       tasks AS (
         INSERT INTO review_task (hit_id, kind, queue)
         SELECT ins.id, input.task_kind, $2 FROM ins
         JOIN input ON input.source = ins.source AND input.source_ref = ins.source_ref AND input.source_version = ins.source_version
         WHERE input.task_kind IS NOT NULL
         ON CONFLICT ON CONSTRAINT uq_review_task_hit DO NOTHING
         RETURNING id
       )
       SELECT (SELECT count(*) FROM ins)::int AS hits`,
      [JSON.stringify(rows), queue],
    )) as { hits: number }[];
    return result?.hits ?? 0;
  }

  /**
   * Progress while the day runs. Lanes add their counts (a retried chunk may count twice until the
   * run completes); hits are recounted; completion sets both exactly.
   */
  async recordProgress(day: string, screened: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE screening_run SET reports_screened = LEAST(reports_total, reports_screened + $2), hits = (SELECT count(*) FROM screening_hit WHERE screening_day = $1)
       WHERE day = $1`,
      [day, screened],
    );
  }

  async complete(day: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE screening_run SET status = 'completed', completed_at = now(),
         reports_screened = (SELECT count(*) FROM crime_report_version WHERE screening_day = $1),
         hits = (SELECT count(*) FROM screening_hit WHERE screening_day = $1)
       WHERE day = $1`,
      [day],
    );
  }

  async summary(day: string): Promise<{ hits: number; misclassificationFlags: number; reviewTasks: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS hits, count(*) FILTER (WHERE h.misclassification_confidence IS NOT NULL)::int AS "misclassificationFlags", count(t.id)::int AS "reviewTasks"
       FROM screening_hit h LEFT JOIN review_task t ON t.hit_id = h.id WHERE h.screening_day = $1`,
      [day],
    )) as { hits: number; misclassificationFlags: number; reviewTasks: number }[];
    return row!;
  }

  async run(day: string): Promise<ScreeningRunRow | null> {
    const rows = (await this.dataSource.query(`SELECT ${RUN_COLUMNS} FROM screening_run WHERE day = $1`, [day])) as ScreeningRunRow[];
    return rows[0] ?? null;
  }

  runs(limit: number): Promise<ScreeningRunRow[]> {
    return this.dataSource.query(`SELECT ${RUN_COLUMNS} FROM screening_run ORDER BY day DESC LIMIT $1`, [limit]);
  }

  hitsOfDay(day: string, limit: number, offset: number): Promise<HitRow[]> {
    return this.dataSource.query(
      `SELECT ${HIT_COLUMNS} FROM screening_hit h LEFT JOIN review_task t ON t.hit_id = h.id
       WHERE h.screening_day = $1 ORDER BY h.misclassification_confidence DESC NULLS LAST, h.source, h.source_ref, h.source_version LIMIT $2 OFFSET $3`,
      [day, limit, offset],
    );
  }

  async countHitsOfDay(day: string): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM screening_hit WHERE screening_day = $1`, [day])) as {
      n: number;
    }[];
    return row?.n ?? 0;
  }

  hitsOfPerson(personRef: string, limit: number): Promise<HitRow[]> {
    return this.dataSource.query(
      `SELECT ${HIT_COLUMNS} FROM screening_hit h LEFT JOIN review_task t ON t.hit_id = h.id
       WHERE $1 = ANY(h.suspect_refs) OR $1 = ANY(h.victim_refs) ORDER BY h.screening_day DESC, h.source_ref LIMIT $2`,
      [personRef, limit],
    );
  }
}
