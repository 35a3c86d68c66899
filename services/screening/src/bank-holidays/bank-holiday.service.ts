import { Injectable } from '@nestjs/common';
import type { NonWorkingDays } from '../daily-screening/working-days';
import { BankHolidayRepository, type BankHolidayRow } from './bank-holiday.repository';

export type BankHolidayView = { day: string; name: string; region: string; updatedAt: string; updatedBy: string };

const toView = (row: BankHolidayRow): BankHolidayView => ({ day: row.day, name: row.name, region: row.region, updatedAt: new Date(row.updatedAt).toISOString(), updatedBy: row.updatedBy });

/** England and Wales bank holidays: reference data the daily screening's calendar reads. */
@Injectable()
export class BankHolidayService {
  constructor(private readonly holidays: BankHolidayRepository) {}

  async list(from?: string, to?: string): Promise<BankHolidayView[]> {
    return (await this.holidays.observed(from, to)).map(toView);
  }

  /** The bank holidays as a set of days, for the working-day calendar. */
  async nonWorkingDays(from?: string, to?: string): Promise<NonWorkingDays> {
    return new Set((await this.holidays.observed(from, to)).map((h) => h.day));
  }

  async set(day: string, name: string, by: string): Promise<BankHolidayView> {
    return toView(await this.holidays.upsert(day, name, by));
  }

  async withdraw(day: string, by: string): Promise<BankHolidayView | null> {
    const row = await this.holidays.withdraw(day, by);
    return row ? toView(row) : null;
  }
}
