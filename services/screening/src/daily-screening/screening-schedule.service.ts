import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ScheduleAlreadyRunning, ScheduleNotFoundError, type CalendarSpec, type Client, type ScheduleOptions } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { DAILY_SCREENING_SCHEDULE_ID, DAILY_SCREENING_WORKFLOW_TYPE, TASK_QUEUES, type DailyScreeningInput } from '@easi/contracts';
import { TEMPORAL_CLIENT } from '@easi/temporal';
import { BankHolidayService } from '../bank-holidays/bank-holiday.service';
import { SCREENING_TIME_ZONE, addDays, dayOf } from './london-time';

/** The week as Temporal names its days, Sunday first (index = `Date.getUTCDay`). */
export const DAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;
export type Weekday = (typeof DAYS)[number];

export type ScreeningScheduleSettings = {
  hour: number;
  minute: number;
  timeZone: string;
  weekdays: Weekday[];
  /** Missed runs within this window are started when Temporal comes back. */
  catchupWindow: string;
  paused: boolean;
};

export const DEFAULT_SCHEDULE: ScreeningScheduleSettings = {
  hour: 7,
  minute: 0,
  timeZone: SCREENING_TIME_ZONE,
  weekdays: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'],
  catchupWindow: '7 days',
  paused: false,
};

const RETRY_MS = 5000;
/** How often a long-running instance extends the holiday horizon and rewrites the skip list (a new year, old skips dropped). */
const HOLIDAY_REFRESH_MS = 24 * 60 * 60 * 1000;

const MONTHS = [
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
] as const;

/**
 * One skip calendar per bank holiday, the whole day: a skip matches only when every field matches,
 * and unset hour, minute and second mean 0, so they are given as any.
 */
export const holidaySkips = (days: readonly string[]): CalendarSpec[] =>
  days.map((day) => ({
    year: Number(day.slice(0, 4)),
    month: MONTHS[Number(day.slice(5, 7)) - 1]!,
    dayOfMonth: Number(day.slice(8, 10)),
    hour: '*',
    minute: '*',
    second: '*',
    comment: `bank holiday ${day}`,
  }));

/** Skipped bank holidays as days, read back from a Schedule's description. */
const skippedDays = (
  skip: { year: { start: number }[]; month: { start: string }[]; dayOfMonth: { start: number }[] }[] | undefined,
): string[] =>
  (skip ?? [])
    .map((c) => {
      const month = MONTHS.indexOf(c.month[0]?.start as (typeof MONTHS)[number]) + 1;
      return `${c.year[0]?.start ?? 0}-${String(month).padStart(2, '0')}-${String(c.dayOfMonth[0]?.start ?? 0).padStart(2, '0')}`;
    })
    .sort();

export const scheduleOptions = (
  s: ScreeningScheduleSettings,
  bankHolidays: readonly string[] = [],
  scheduleId: string = DAILY_SCREENING_SCHEDULE_ID,
): ScheduleOptions => ({
  scheduleId,
  spec: { calendars: [{ dayOfWeek: s.weekdays, hour: s.hour, minute: s.minute }], skip: holidaySkips(bankHolidays), timezone: s.timeZone },
  action: {
    type: 'startWorkflow',
    workflowType: DAILY_SCREENING_WORKFLOW_TYPE,
    taskQueue: TASK_QUEUES.journeys,
    workflowId: scheduleId,
    args: [{} satisfies DailyScreeningInput],
  },
  policies: { overlap: 'BUFFER_ALL', catchupWindow: s.catchupWindow, pauseOnFailure: false },
  state: { paused: s.paused, note: 'Daily force-wide crime screening (EASI).' },
});

/** Which Schedule the service keeps: `screening-daily`, or a test's own. */
export const SCREENING_SCHEDULE_ID = Symbol('SCREENING_SCHEDULE_ID');

/**
 * Creates the `screening-daily` Schedule when the service boots, once: an existing Schedule is
 * left as it is, so a force's changes (through the API) survive restarts.
 *
 * Every write to the Schedule (creation, a skip-list rewrite, a settings change) holds one
 * PostgreSQL advisory lock from reading the bank holidays to the Schedule's update, across all
 * instances: Temporal's Schedule update is a whole-spec replace with no conflict check, so two
 * writers interleaving could otherwise put back a skip list read before a supervisor's new bank
 * holiday, or the times and days a settings change had just replaced.
 */
@Injectable()
export class ScreeningScheduleService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScreeningScheduleService.name);
  private timer?: NodeJS.Timeout;
  private refresher?: NodeJS.Timeout;
  private stopped = false;

  private readonly scheduleId: string;

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    private readonly holidays: BankHolidayService,
    private readonly dataSource: DataSource,
    @Optional() @Inject(SCREENING_SCHEDULE_ID) scheduleId?: string,
  ) {
    this.scheduleId = scheduleId ?? DAILY_SCREENING_SCHEDULE_ID;
  }

  /** Runs one write to the Schedule while holding its lock (waits for any other instance's write to finish). */
  private async exclusively<R>(write: () => Promise<R>): Promise<R> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`easi-screening-schedule:${this.scheduleId}`]);
      return write();
    });
  }

  /**
   * Bank holidays from a month back (inside any catch-up window) onwards: older ones can no longer
   * match. Every rewrite of the skip list first fills the rolling horizon of regular holidays, so
   * the Schedule skips the computed years too.
   */
  private async holidaysToSkip(): Promise<string[]> {
    await this.holidays.ensureHorizon();
    return [...(await this.holidays.nonWorkingDays(addDays(dayOf(new Date()), -31)))];
  }

  onApplicationBootstrap(): void {
    this.ensure();
    this.refresher = setInterval(() => this.refreshHolidays(), HOLIDAY_REFRESH_MS);
    this.refresher.unref();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.refresher);
  }

  private refreshHolidays(): void {
    this.syncBankHolidays().catch((error: unknown) => {
      // A missing Schedule is ensure()'s job; the next refresh (or boot) tries again.
      if (!this.stopped) this.logger.warn(`cannot refresh the bank holidays of ${this.scheduleId} (${String(error)})`);
    });
  }

  private ensure(): void {
    this.ensureSchedule().catch((error: unknown) => {
      if (this.stopped) return;
      this.logger.warn(`cannot create schedule ${this.scheduleId} yet (${String(error)}); retrying in ${RETRY_MS} ms`);
      this.timer = setTimeout(() => this.ensure(), RETRY_MS);
    });
  }

  /** True when this call created the Schedule; an existing one gets the current bank holidays. */
  ensureSchedule(settings: ScreeningScheduleSettings = DEFAULT_SCHEDULE): Promise<boolean> {
    return this.exclusively(() => this.createOrSync(settings));
  }

  /** Makes the Schedule skip exactly the bank holidays in the reference table (after a change through the API). */
  syncBankHolidays(): Promise<void> {
    return this.exclusively(() => this.writeSkipList());
  }

  private async createOrSync(settings: ScreeningScheduleSettings): Promise<boolean> {
    try {
      await this.client.schedule.create(scheduleOptions(settings, await this.holidaysToSkip(), this.scheduleId));
      this.logger.log(`schedule ${this.scheduleId} created`);
      return true;
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await this.writeSkipList();
      return false;
    }
  }

  private async writeSkipList(): Promise<void> {
    const skip = holidaySkips(await this.holidaysToSkip());
    await this.client.schedule.getHandle(this.scheduleId).update((previous) => ({ ...previous, spec: { ...previous.spec, skip } }));
  }

  async describe(): Promise<ScreeningScheduleSettings & { nextRuns: string[]; recentRuns: string[]; bankHolidaysSkipped: string[] }> {
    const description = await this.client.schedule.getHandle(this.scheduleId).describe();
    const calendar = description.spec.calendars?.[0];
    const weekdays = (calendar?.dayOfWeek ?? []).flatMap((range) => {
      const start = DAYS.indexOf(range.start);
      const end = DAYS.indexOf(range.end);
      const out: Weekday[] = [];
      for (let i = start; i <= end; i += range.step || 1) out.push(DAYS[i]!);
      return out;
    });
    return {
      hour: calendar?.hour[0]?.start ?? DEFAULT_SCHEDULE.hour,
      minute: calendar?.minute[0]?.start ?? DEFAULT_SCHEDULE.minute,
      timeZone: description.spec.timezone ?? DEFAULT_SCHEDULE.timeZone,
      weekdays,
      catchupWindow: `${Math.round(description.policies.catchupWindow / 1000)} seconds`,
      paused: description.state.paused,
      nextRuns: description.info.nextActionTimes.slice(0, 5).map((d) => d.toISOString()),
      recentRuns: description.info.recentActions.slice(-5).map((a) => a.scheduledAt.toISOString()),
      bankHolidaysSkipped: skippedDays(description.spec.skip),
    };
  }

  /** Replaces the time, days, zone, catch-up window or paused state; the action stays the daily screening. */
  update(settings: ScreeningScheduleSettings): Promise<void> {
    return this.exclusively(async () => {
      const bankHolidays = await this.holidaysToSkip();
      try {
        await this.client.schedule.getHandle(this.scheduleId).update((previous) => {
          const next = scheduleOptions(settings, bankHolidays, this.scheduleId);
          return {
            ...previous,
            spec: next.spec,
            policies: { ...previous.policies, ...next.policies },
            state: { ...previous.state, paused: settings.paused },
          };
        });
      } catch (error) {
        if (!(error instanceof ScheduleNotFoundError)) throw error;
        await this.createOrSync(settings);
      }
    });
  }
}
