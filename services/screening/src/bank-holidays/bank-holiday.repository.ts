import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BankHoliday } from './england-wales-holidays';

/** Where a row came from: the first migration's list, the service's rule, or a supervisor through the API. */
export type BankHolidaySource = 'seed' | 'computed' | 'supervisor';

export type BankHolidayRow = {
  day: string;
  name: string;
  region: string;
  observed: boolean;
  source: BankHolidaySource;
  updatedAt: Date;
  updatedBy: string;
};

const COLUMNS = `to_char("day", 'YYYY-MM-DD') AS day, name, region, observed, source, updated_at AS "updatedAt", updated_by AS "updatedBy"`;

/** Who the horizon fill's rows are attributed to (updated_by), beside the first migration's 'seed'. */
export const COMPUTED_BY = 'computed';

@Injectable()
export class BankHolidayRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Observed bank holidays between two days (inclusive), or all of them. */
  observed(from?: string, to?: string): Promise<BankHolidayRow[]> {
    return this.between(from, to, false);
  }

  /** Every row between two days, withdrawn ones too (a supervisor checking what was withdrawn, and by whom). */
  between(from: string | undefined, to: string | undefined, includeWithdrawn: boolean): Promise<BankHolidayRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM bank_holiday WHERE ($3 OR observed) AND ($1::date IS NULL OR "day" >= $1) AND ($2::date IS NULL OR "day" <= $2) ORDER BY "day"`,
      [from ?? null, to ?? null, includeWithdrawn],
    );
  }

  async upsert(day: string, name: string, by: string): Promise<BankHolidayRow> {
    const rows: BankHolidayRow[] = await this.dataSource.query(
      `INSERT INTO bank_holiday ("day", name, observed, source, updated_at, updated_by) VALUES ($1, $2, true, 'supervisor', now(), $3)
       ON CONFLICT ("day") DO UPDATE SET name = EXCLUDED.name, observed = true, source = 'supervisor', updated_at = now(), updated_by = EXCLUDED.updated_by
       RETURNING ${COLUMNS}`,
      [day, name, by],
    );
    return rows[0]!;
  }

  /**
   * Withdraws a day (kept, not observed); null when it was not a bank holiday. `regular` is the
   * rule's holiday on that day, when there is one: withdrawing it before the horizon fill reached
   * its year records the withdrawal, so the fill cannot add it later (a proclaimed move such as
   * 2020's Early May is entered as far ahead as it is known).
   */
  async withdraw(day: string, by: string, regular?: BankHoliday): Promise<BankHolidayRow | null> {
    if (regular) {
      // One statement: no row → a withdrawn row; an observed row → withdrawn; already withdrawn → nothing.
      const rows: BankHolidayRow[] = await this.dataSource.query(
        `INSERT INTO bank_holiday AS h ("day", name, observed, source, updated_at, updated_by) VALUES ($1, $3, false, 'supervisor', now(), $2)
         ON CONFLICT ("day") DO UPDATE SET observed = false, source = 'supervisor', updated_at = now(), updated_by = EXCLUDED.updated_by WHERE h.observed
         RETURNING ${COLUMNS}`,
        [day, by, regular.name],
      );
      return rows[0] ?? null;
    }
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [BankHolidayRow[], number] = await this.dataSource.query(
      `UPDATE bank_holiday SET observed = false, source = 'supervisor', updated_at = now(), updated_by = $2 WHERE "day" = $1 AND observed RETURNING ${COLUMNS}`,
      [day, by],
    );
    return rows[0] ?? null;
  }

  /**
   * Adds the given days as computed holidays where the table has no row for the day at all, so a
   * seeded, supervisor-set or withdrawn day is left exactly as it is. ON CONFLICT DO NOTHING makes
   * two instances filling at once safe: the second waits for the first and inserts nothing.
   * Returns the days added.
   */
  async insertMissing(holidays: readonly BankHoliday[]): Promise<string[]> {
    if (holidays.length === 0) return [];
    const rows: { day: string }[] = await this.dataSource.query(
      `INSERT INTO bank_holiday ("day", name, observed, source, updated_at, updated_by)
       SELECT d, n, true, 'computed', now(), $3 FROM unnest($1::date[], $2::text[]) AS t(d, n)
       ON CONFLICT ("day") DO NOTHING
       RETURNING to_char("day", 'YYYY-MM-DD') AS day`,
      [holidays.map((h) => h.day), holidays.map((h) => h.name), COMPUTED_BY],
    );
    return rows.map((r) => r.day).sort();
  }
}
