import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { CrimeReportV1 } from '@easi/contracts';
import { copyIn, crimeReportCopyRow, PARTY_COPY_COLUMNS, partyCopyRows, VERSION_COPY_COLUMNS } from './copy-rows';

export type ReceivedVia = 'http' | 'kafka';

export type StoredVersionKey = { reportRef: string; version: number };

export type CrimeReportVersionRow = {
  id: string;
  reportRef: string;
  version: number;
  changeType: string;
  policeArea: string;
  recordedFamily: string;
  homeOfficeCode: string | null;
  legislation: string | null;
  relationship: string;
  suspects: CrimeReportV1['suspects'];
  victimRefs: string[];
  narrative: string;
  linkedReportRefs: string[];
  occurredAt: Date;
  recordedAt: Date;
  receivedVia: ReceivedVia;
  receivedAt: Date;
  screeningDay: string | null;
};

const VERSION_COLUMNS = `
  id::text AS "id", report_ref AS "reportRef", version, change_type AS "changeType", police_area AS "policeArea",
  recorded_family AS "recordedFamily", home_office_code AS "homeOfficeCode", legislation, relationship, suspects,
  victim_refs AS "victimRefs", narrative, linked_report_refs AS "linkedReportRefs", occurred_at AS "occurredAt",
  recorded_at AS "recordedAt", received_via AS "receivedVia", received_at AS "receivedAt", screening_day::text AS "screeningDay"`;

const versionKeyOf = (reportRef: string, version: number): string => `${reportRef}@${version}`;

/** A version already stored (unique violation), or two writers of the same versions deadlocked: the conflict-safe statement decides. */
const REFUSED_CODES = new Set(['23505', '40P01']);

const errorCode = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;

export type LinkedReport = {
  reportRef: string;
  sharedSuspects: string[];
  sharedVictims: string[];
  link: 'same-suspect-and-victim' | 'same-suspect' | 'same-victim';
};

/**
 * Crime report versions and their parties. Inserts are set-based (one statement per batch) so a
 * national day's reports go in quickly; (report_ref, version) makes a redelivered version a no-op
 * and a newer version a new row, never an overwrite.
 */
@Injectable()
export class CrimeReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the versions not stored yet (and their parties) and returns the ones that were new.
   * Fast path: COPY the batch straight into both tables (PostgreSQL parses COPY text and batches
   * heap writes far more cheaply than a JSON parameter). A version already stored (a redelivery, a
   * bulk sent twice, a racing writer) makes the unique key refuse the COPY; the batch then goes
   * through the conflict-safe statement instead, so a duplicate is still a no-op.
   */
  async insertVersions(
    reports: readonly CrimeReportV1[],
    via: ReceivedVia,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StoredVersionKey[]> {
    if (reports.length === 0) return [];
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive !== true) return this.dataSource.transaction((m) => this.insertVersions(reports, via, m));
    const seen = new Set<string>();
    const unique = reports.filter((r) => {
      const key = versionKeyOf(r.reportRef, r.version);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const client = (await runner.connect()) as PoolClient;
    // Released with the transaction; rolled back to only when the COPY is refused.
    await manager.query('SAVEPOINT crime_report_copy');
    try {
      await copyIn(
        client,
        `COPY crime_report_version (${VERSION_COPY_COLUMNS.join(', ')}) FROM STDIN`,
        unique.map((r) => crimeReportCopyRow(r, via)).join(''),
      );
      await copyIn(client, `COPY crime_report_party (${PARTY_COPY_COLUMNS.join(', ')}) FROM STDIN`, unique.map(partyCopyRows).join(''));
    } catch (error) {
      if (!REFUSED_CODES.has(errorCode(error) ?? '')) throw error;
      await manager.query('ROLLBACK TO SAVEPOINT crime_report_copy');
      return this.insertVersionsConflictSafe(unique, via, manager);
    }
    return unique.map((r) => ({ reportRef: r.reportRef, version: r.version }));
  }

  /** One statement that skips versions already stored (ON CONFLICT), for when writers race. */
  private async insertVersionsConflictSafe(
    reports: readonly CrimeReportV1[],
    via: ReceivedVia,
    manager: EntityManager,
  ): Promise<StoredVersionKey[]> {
    const rows = reports.map((r) => ({
      report_ref: r.reportRef,
      version: r.version,
      change_type: r.changeType,
      police_area: r.policeArea,
      recorded_family: r.recordedOffence.family,
      home_office_code: r.recordedOffence.homeOfficeCode ?? null,
      legislation: r.recordedOffence.legislation ?? null,
      relationship: r.relationshipToVictim,
      suspects: r.suspects,
      victim_refs: r.victimRefs,
      narrative: r.narrative,
      linked_report_refs: r.linkedReportRefs,
      occurred_at: r.occurredAt,
      recorded_at: r.recordedAt,
    }));
    const inserted = (await manager.query(
      `WITH input AS (
         SELECT * FROM json_to_recordset($1::json) AS r(
           report_ref text, version integer, change_type text, police_area text, recorded_family text, home_office_code text,
           legislation text, relationship text, suspects jsonb, victim_refs jsonb, narrative text, linked_report_refs jsonb,
           occurred_at timestamptz, recorded_at timestamptz)
       ),
       ins AS (
         INSERT INTO crime_report_version (report_ref, version, change_type, police_area, recorded_family, home_office_code, legislation,
           relationship, suspects, victim_refs, narrative, linked_report_refs, occurred_at, recorded_at, received_via)
         SELECT report_ref, version, change_type, police_area, recorded_family, home_office_code, legislation, relationship, suspects,
           ARRAY(SELECT jsonb_array_elements_text(victim_refs)), narrative, ARRAY(SELECT jsonb_array_elements_text(linked_report_refs)),
           occurred_at, recorded_at, $2
         FROM input
         ON CONFLICT ON CONSTRAINT uq_crime_report_version_ref_version DO NOTHING
         RETURNING report_ref, version, suspects, victim_refs, recorded_at
       ),
       parties AS (
         INSERT INTO crime_report_party (report_ref, version, suspect_ref, victim_ref, recorded_at)
         SELECT DISTINCT i.report_ref, i.version, s.value->>'personRef', v.victim_ref, i.recorded_at
         FROM ins i
         CROSS JOIN LATERAL jsonb_array_elements(i.suspects) AS s(value)
         CROSS JOIN LATERAL unnest(CASE WHEN cardinality(i.victim_refs) = 0 THEN ARRAY['']::text[] ELSE i.victim_refs END) AS v(victim_ref)
       )
       SELECT report_ref AS "reportRef", version FROM ins`,
      [JSON.stringify(rows), via],
    )) as StoredVersionKey[];
    return inserted;
  }

  versionsOf(reportRef: string): Promise<CrimeReportVersionRow[]> {
    return this.dataSource.query(`SELECT ${VERSION_COLUMNS} FROM crime_report_version WHERE report_ref = $1 ORDER BY version DESC`, [
      reportRef,
    ]);
  }

  /** Latest version of every report that names the person as a suspect or a victim. */
  async latestByPerson(personRef: string, limit: number): Promise<CrimeReportVersionRow[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (v.report_ref) ${VERSION_COLUMNS}
       FROM crime_report_version v
       WHERE v.report_ref IN (SELECT report_ref FROM crime_report_party WHERE suspect_ref = $1 UNION SELECT report_ref FROM crime_report_party WHERE victim_ref = $1)
       ORDER BY v.report_ref, v.version DESC
       LIMIT $2`,
      [personRef, limit],
    );
  }

  /** Other reports sharing a suspect (with or without the same victim) or a victim with this report. */
  async linksOf(reportRef: string): Promise<LinkedReport[]> {
    const rows = (await this.dataSource.query(
      `WITH mine AS (
         SELECT DISTINCT s.value->>'personRef' AS suspect_ref, v.victim_ref
         FROM crime_report_version r
         CROSS JOIN LATERAL jsonb_array_elements(r.suspects) AS s(value)
         CROSS JOIN LATERAL unnest(CASE WHEN cardinality(r.victim_refs) = 0 THEN ARRAY['']::text[] ELSE r.victim_refs END) AS v(victim_ref)
         WHERE r.report_ref = $1
       )
       SELECT p.report_ref AS "reportRef",
              array_agg(DISTINCT p.suspect_ref) FILTER (WHERE p.suspect_ref IN (SELECT suspect_ref FROM mine)) AS "sharedSuspects",
              array_agg(DISTINCT p.victim_ref) FILTER (WHERE p.victim_ref <> '' AND p.victim_ref IN (SELECT victim_ref FROM mine)) AS "sharedVictims",
              bool_or(EXISTS (SELECT 1 FROM mine m WHERE m.suspect_ref = p.suspect_ref AND m.victim_ref = p.victim_ref AND m.victim_ref <> '')) AS "samePair"
       FROM crime_report_party p
       WHERE p.report_ref <> $1
         AND (p.suspect_ref IN (SELECT suspect_ref FROM mine) OR (p.victim_ref <> '' AND p.victim_ref IN (SELECT victim_ref FROM mine)))
       GROUP BY p.report_ref
       ORDER BY p.report_ref
       LIMIT 500`,
      [reportRef],
    )) as { reportRef: string; sharedSuspects: string[] | null; sharedVictims: string[] | null; samePair: boolean }[];
    return rows.map((r) => ({
      reportRef: r.reportRef,
      sharedSuspects: r.sharedSuspects ?? [],
      sharedVictims: r.sharedVictims ?? [],
      link: r.samePair ? 'same-suspect-and-victim' : (r.sharedSuspects ?? []).length > 0 ? 'same-suspect' : 'same-victim',
    }));
  }
}
