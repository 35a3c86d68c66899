import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CrimeReportV1 } from '@easi/contracts';
import { CrimeReportRepository, type CrimeReportVersionRow, type LinkedReport, type ReceivedVia } from './crime-report.repository';

export type CrimeReportIngestResult = {
  received: number;
  stored: number;
  duplicates: number;
  /** One entry per report version sent, in order: `duplicate` when that version was already stored. */
  items: { reportRef: string; version: number; duplicate: boolean }[];
};

export type CrimeReportVersionView = {
  reportRef: string;
  version: number;
  changeType: string;
  policeArea: string;
  recordedOffence: { family: string; homeOfficeCode: string | null; legislation: string | null };
  relationshipToVictim: string;
  suspects: CrimeReportV1['suspects'];
  victimRefs: string[];
  narrative: string;
  linkedReportRefs: string[];
  occurredAt: string;
  recordedAt: string;
  receivedVia: ReceivedVia;
  receivedAt: string;
  screeningDay: string | null;
};

export type CrimeReportView = { reportRef: string; latestVersion: number; versions: CrimeReportVersionView[] };

/** Rows per INSERT statement: keeps one statement's JSON parameter well under a few MB. */
const INSERT_CHUNK = 5000;

@Injectable()
export class CrimeReportService {
  constructor(private readonly reports: CrimeReportRepository) {}

  /** Stores each version once; a newer version of a report is a new row beside the older ones. */
  async ingest(batch: readonly CrimeReportV1[], via: ReceivedVia, manager?: EntityManager): Promise<CrimeReportIngestResult> {
    const fresh = new Set<string>();
    for (let i = 0; i < batch.length; i += INSERT_CHUNK) {
      const stored = await this.reports.insertVersions(batch.slice(i, i + INSERT_CHUNK), via, manager);
      for (const key of stored) fresh.add(versionKey(key.reportRef, key.version));
    }
    const seen = new Set<string>();
    const items = batch.map((r) => {
      const key = versionKey(r.reportRef, r.version);
      const duplicate = !fresh.has(key) || seen.has(key);
      seen.add(key);
      return { reportRef: r.reportRef, version: r.version, duplicate };
    });
    const duplicates = items.filter((i) => i.duplicate).length;
    return { received: batch.length, stored: batch.length - duplicates, duplicates, items };
  }

  async find(reportRef: string): Promise<CrimeReportView | null> {
    const versions = await this.reports.versionsOf(reportRef);
    if (versions.length === 0) return null;
    return { reportRef, latestVersion: versions[0]!.version, versions: versions.map(toVersionView) };
  }

  links(reportRef: string): Promise<LinkedReport[]> {
    return this.reports.linksOf(reportRef);
  }

  async latestByPerson(personRef: string): Promise<CrimeReportVersionView[]> {
    return (await this.reports.latestByPerson(personRef, 500)).map(toVersionView);
  }
}

export const versionKey = (reportRef: string, version: number): string => `${reportRef}@${version}`;

export const toVersionView = (row: CrimeReportVersionRow): CrimeReportVersionView => ({
  reportRef: row.reportRef,
  version: row.version,
  changeType: row.changeType,
  policeArea: row.policeArea,
  recordedOffence: { family: row.recordedFamily, homeOfficeCode: row.homeOfficeCode, legislation: row.legislation },
  relationshipToVictim: row.relationship,
  suspects: row.suspects,
  victimRefs: row.victimRefs,
  narrative: row.narrative,
  linkedReportRefs: row.linkedReportRefs,
  occurredAt: new Date(row.occurredAt).toISOString(),
  recordedAt: new Date(row.recordedAt).toISOString(),
  receivedVia: row.receivedVia,
  receivedAt: new Date(row.receivedAt).toISOString(),
  screeningDay: row.screeningDay,
});
