import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type OffenceFamilyRow = {
  family: string;
  label: string;
  legislation: { act: string; sections: string[] }[];
  homeOfficeCodes: string[];
  codeConfidence: 'known' | 'uncertain';
  screened: boolean;
  note: string | null;
  configurable: boolean;
  updatedAt: Date;
  updatedBy: string;
};

export type OffenceFamilyChange = Partial<Pick<OffenceFamilyRow, 'label' | 'homeOfficeCodes' | 'codeConfidence' | 'screened' | 'note'>>;

const COLUMNS = `family, label, legislation, home_office_codes AS "homeOfficeCodes", code_confidence AS "codeConfidence", screened, note,
  configurable, updated_at AS "updatedAt", updated_by AS "updatedBy"`;

@Injectable()
export class OffenceFamilyRepository {
  constructor(private readonly dataSource: DataSource) {}

  all(): Promise<OffenceFamilyRow[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM offence_family ORDER BY family`);
  }

  async update(family: string, change: OffenceFamilyChange, by: string): Promise<OffenceFamilyRow | null> {
    const rows = (await this.dataSource.query(
      `UPDATE offence_family SET
         label = COALESCE($2, label), home_office_codes = COALESCE($3, home_office_codes), code_confidence = COALESCE($4, code_confidence),
         screened = COALESCE($5, screened), note = COALESCE($6, note), updated_at = now(), updated_by = $7
       WHERE family = $1 AND configurable
       RETURNING ${COLUMNS}`,
      [family, change.label ?? null, change.homeOfficeCodes ?? null, change.codeConfidence ?? null, change.screened ?? null, change.note ?? null, by],
    )) as [OffenceFamilyRow[], number];
    return rows[0][0] ?? null;
  }
}
