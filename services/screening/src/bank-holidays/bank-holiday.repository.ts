import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type BankHolidayRow = { day: string; name: string; region: string; observed: boolean; updatedAt: Date; updatedBy: string };

const COLUMNS = `to_char("day", 'YYYY-MM-DD') AS day, name, region, observed, updated_at AS "updatedAt", updated_by AS "updatedBy"`;

@Injectable()
export class BankHolidayRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Observed bank holidays between two days (inclusive), or all of them. */
  observed(from?: string, to?: string): Promise<BankHolidayRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM bank_holiday WHERE observed AND ($1::date IS NULL OR "day" >= $1) AND ($2::date IS NULL OR "day" <= $2) ORDER BY "day"`,
      [from ?? null, to ?? null],
    );
  }

  async upsert(day: string, name: string, by: string): Promise<BankHolidayRow> {
    const rows: BankHolidayRow[] = await this.dataSource.query(
      `INSERT INTO bank_holiday ("day", name, observed, updated_at, updated_by) VALUES ($1, $2, true, now(), $3)
       ON CONFLICT ("day") DO UPDATE SET name = EXCLUDED.name, observed = true, updated_at = now(), updated_by = EXCLUDED.updated_by
       RETURNING ${COLUMNS}`,
      [day, name, by],
    );
    return rows[0]!;
  }

  /** Withdraws a day (kept, not observed); null when it was not a bank holiday. */
  async withdraw(day: string, by: string): Promise<BankHolidayRow | null> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [BankHolidayRow[], number] = await this.dataSource.query(
      `UPDATE bank_holiday SET observed = false, updated_at = now(), updated_by = $2 WHERE "day" = $1 AND observed RETURNING ${COLUMNS}`,
      [day, by],
    );
    return rows[0] ?? null;
  }
}
