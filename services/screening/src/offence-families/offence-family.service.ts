import { Injectable } from '@nestjs/common';
import type { FamilyInfo } from '../daily-screening/hit-rules';
import {
  OffenceFamilyRepository,
  type OffenceFamilyChange,
  type OffenceFamilyChanger,
  type OffenceFamilyChangeRow,
  type OffenceFamilyRow,
} from './offence-family.repository';

const legislationText = (row: OffenceFamilyRow): string => row.legislation.map((l) => `${l.act} ${l.sections.join(', ')}`).join('; ');

export const toFamilyInfo = (row: OffenceFamilyRow): FamilyInfo => ({
  family: row.family,
  label: row.label,
  screened: row.screened,
  courseOfConduct: row.courseOfConduct,
  orderBreach: row.orderBreach,
  legislation: legislationText(row),
  homeOfficeCodes: row.homeOfficeCodes,
});

/** Offence families as reference data: seeded by migration from the screening rules, changed by supervisors. */
@Injectable()
export class OffenceFamilyService {
  constructor(private readonly families: OffenceFamilyRepository) {}

  list(): Promise<OffenceFamilyRow[]> {
    return this.families.all();
  }

  async byFamily(): Promise<Map<string, FamilyInfo>> {
    return new Map((await this.families.all()).map((row) => [row.family, toFamilyInfo(row)]));
  }

  update(family: string, change: OffenceFamilyChange, by: OffenceFamilyChanger): Promise<OffenceFamilyRow | null> {
    return this.families.update(family, change, by);
  }

  changes(family: string): Promise<OffenceFamilyChangeRow[]> {
    return this.families.changes(family, 500);
  }
}
