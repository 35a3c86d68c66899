import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { insertAuditEntry } from '../audit/audit.repository';

export type OffenceFamilyRow = {
  family: string;
  label: string;
  legislation: { act: string; sections: string[] }[];
  homeOfficeCodes: string[];
  codeConfidence: 'known' | 'uncertain';
  screened: boolean;
  /** A custody event for the family starts (or joins) the person's journey. */
  startsJourney: boolean;
  /** The offence is itself a course of conduct (victim contact and ISAC referral suggested). */
  courseOfConduct: boolean;
  /** A breach of a protective order (an interim or full SPO to be considered). */
  orderBreach: boolean;
  note: string | null;
  configurable: boolean;
  updatedAt: Date;
  updatedBy: string;
};

export type OffenceFamilyChange = Partial<
  Pick<
    OffenceFamilyRow,
    'label' | 'homeOfficeCodes' | 'codeConfidence' | 'screened' | 'startsJourney' | 'courseOfConduct' | 'orderBreach' | 'note'
  >
>;

/** Who changes a family and why: the change is kept with the fields before and after, and audited. */
export type OffenceFamilyChanger = { subject: string; agency: string; roles: string[]; reason: string; correlationId?: string };

export type ConfigurableFields = Required<OffenceFamilyChange>;

export type OffenceFamilyChangeRow = {
  id: string;
  family: string;
  changedAt: Date;
  changedBy: string;
  roles: string[];
  reason: string;
  before: Partial<ConfigurableFields>;
  after: Partial<ConfigurableFields>;
};

const FIELDS = [
  'label',
  'homeOfficeCodes',
  'codeConfidence',
  'screened',
  'startsJourney',
  'courseOfConduct',
  'orderBreach',
  'note',
] as const;

/** The fields a change really alters, as they were and as they become (a no-op field is left out). */
export const changedFields = (
  row: OffenceFamilyRow,
  change: OffenceFamilyChange,
): { before: Partial<ConfigurableFields>; after: Partial<ConfigurableFields> } => {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const next = change[field];
    if (next === undefined || JSON.stringify(next) === JSON.stringify(row[field])) continue;
    before[field] = row[field];
    after[field] = next;
  }
  return { before: before as Partial<ConfigurableFields>, after: after as Partial<ConfigurableFields> };
};

const COLUMNS = `family, label, legislation, home_office_codes AS "homeOfficeCodes", code_confidence AS "codeConfidence", screened,
  starts_journey AS "startsJourney", course_of_conduct AS "courseOfConduct", order_breach AS "orderBreach", note,
  configurable, updated_at AS "updatedAt", updated_by AS "updatedBy"`;

@Injectable()
export class OffenceFamilyRepository {
  constructor(private readonly dataSource: DataSource) {}

  all(): Promise<OffenceFamilyRow[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM offence_family ORDER BY family`);
  }

  /**
   * Applies the change, and in the same transaction keeps it (fields before and after, who, why)
   * and writes its audit row. A change that alters nothing is kept neither in the history nor in
   * the row's updated_at. Null when the family does not exist or is not configurable.
   */
  async update(family: string, change: OffenceFamilyChange, by: OffenceFamilyChanger): Promise<OffenceFamilyRow | null> {
    return this.dataSource.transaction(async (manager) => {
      const current = (
        (await manager.query(`SELECT ${COLUMNS} FROM offence_family WHERE family = $1 AND configurable FOR UPDATE`, [
          family,
        ])) as OffenceFamilyRow[]
      )[0];
      if (!current) return null;
      const { before, after } = changedFields(current, change);
      if (Object.keys(after).length === 0) return current;
      const rows = (await manager.query(
        `UPDATE offence_family SET
           label = COALESCE($2, label), home_office_codes = COALESCE($3, home_office_codes), code_confidence = COALESCE($4, code_confidence),
           screened = COALESCE($5, screened), note = COALESCE($6, note), updated_at = now(), updated_by = $7,
           starts_journey = COALESCE($8, starts_journey), course_of_conduct = COALESCE($9, course_of_conduct), order_breach = COALESCE($10, order_breach)
         WHERE family = $1
         RETURNING ${COLUMNS}`,
        [
          family,
          change.label ?? null,
          change.homeOfficeCodes ?? null,
          change.codeConfidence ?? null,
          change.screened ?? null,
          change.note ?? null,
          by.subject,
          change.startsJourney ?? null,
          change.courseOfConduct ?? null,
          change.orderBreach ?? null,
        ],
      )) as [OffenceFamilyRow[], number];
      await manager.query(
        `INSERT INTO offence_family_change (family, changed_by, roles, reason, before, after) VALUES ($1, $2, $3, $4, $5, $6)`,
        [family, by.subject, by.roles, by.reason, JSON.stringify(before), JSON.stringify(after)],
      );
      await insertAuditEntry(manager, {
        actor: by.subject,
        agency: by.agency,
        roles: by.roles,
        action: 'configure-offence-family',
        subjectType: 'offence-family',
        subjectRef: family,
        reason: by.reason,
        ...(by.correlationId ? { correlationId: by.correlationId } : {}),
      });
      return rows[0][0] ?? null;
    });
  }

  /** The families whose custody events start or join the person's journey. */
  async startingJourneys(): Promise<ReadonlySet<string>> {
    const rows = (await this.dataSource.query(`SELECT family FROM offence_family WHERE starts_journey`)) as { family: string }[];
    return new Set(rows.map((r) => r.family));
  }

  /** A family's changes, newest first. */
  changes(family: string, limit: number): Promise<OffenceFamilyChangeRow[]> {
    return this.dataSource.query(
      `SELECT id::text AS id, family, changed_at AS "changedAt", changed_by AS "changedBy", roles, reason, before, after
       FROM offence_family_change WHERE family = $1 ORDER BY changed_at DESC, id DESC LIMIT $2`,
      [family, limit],
    );
  }
}
