import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { dayOf } from '../daily-screening/london-time';
import type { NonWorkingDays } from '../daily-screening/working-days';
import { BankHolidayRepository, type BankHolidayRow, type BankHolidaySource } from './bank-holiday.repository';
import { bankHolidaysOfYears, regularBankHoliday } from './england-wales-holidays';

/** `observed: false` is a withdrawn day (listed only when asked for): the daily screening runs on it. */
export type BankHolidayView = {
  day: string;
  name: string;
  region: string;
  observed: boolean;
  source: BankHolidaySource;
  updatedAt: string;
  updatedBy: string;
};

/** The current year and the next two: the regular holidays the table always holds. */
export const HORIZON_YEARS = 3;

const toView = (row: BankHolidayRow): BankHolidayView => ({
  day: row.day,
  name: row.name,
  region: row.region,
  observed: row.observed,
  source: row.source,
  updatedAt: new Date(row.updatedAt).toISOString(),
  updatedBy: row.updatedBy,
});

/** England and Wales bank holidays: reference data the daily screening's calendar reads. */
@Injectable()
export class BankHolidayService implements OnApplicationBootstrap {
  private readonly logger = new Logger(BankHolidayService.name);

  constructor(private readonly holidays: BankHolidayRepository) {}

  /**
   * Fills the horizon before the service answers, so the catch-up's calendar and GET
   * /bank-holidays see it at once; the Schedule's skip-list rewrites fill it again (daily too).
   */
  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.ensureHorizon();
    } catch (error) {
      this.logger.warn(
        `cannot fill the bank holiday horizon at boot (${String(error)}); the Schedule's next skip-list rewrite tries again`,
      );
    }
  }

  async list(from?: string, to?: string, includeWithdrawn = false): Promise<BankHolidayView[]> {
    return (await this.holidays.between(from, to, includeWithdrawn)).map(toView);
  }

  /** The bank holidays as a set of days, for the working-day calendar. */
  async nonWorkingDays(from?: string, to?: string): Promise<NonWorkingDays> {
    return new Set((await this.holidays.observed(from, to)).map((h) => h.day));
  }

  async set(day: string, name: string, by: string): Promise<BankHolidayView> {
    return toView(await this.holidays.upsert(day, name, by));
  }

  async withdraw(day: string, by: string): Promise<BankHolidayView | null> {
    const row = await this.holidays.withdraw(day, by, regularBankHoliday(day));
    return row ? toView(row) : null;
  }

  /**
   * Makes sure the regular holidays of the current year (on the London wall clock) and the next
   * two are in the table, added as 'computed' only where the day has no row: a supervisor's
   * withdrawal, name or proclaimed change stays as they left it. Idempotent and safe to run from
   * several instances at once. Returns the days added.
   */
  async ensureHorizon(today: string = dayOf(new Date())): Promise<string[]> {
    const added = await this.holidays.insertMissing(bankHolidaysOfYears(Number(today.slice(0, 4)), HORIZON_YEARS));
    if (added.length > 0) this.logger.log(`computed bank holidays added: ${added.join(', ')}`);
    return added;
  }
}
