import { Inject, Injectable, Optional } from '@nestjs/common';
import { ScheduleNotFoundError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { DailyScreeningActivities, ScreeningDayPlan, ScreeningDaySummary } from '@easi/contracts';
import { BankHolidayService } from '../bank-holidays/bank-holiday.service';
import { OffenceFamilyService } from '../offence-families/offence-family.service';
import { screenCustodyRecord, screenReport } from './hit-rules';
import { SCREENING_TIME_ZONE, dayOf, isDay, wallClockInstant, wallClockTime } from './london-time';
import { ScreeningRunRepository, type NewHit } from './screening-run.repository';
import { DAYS, DEFAULT_SCHEDULE, ScreeningScheduleService, type Weekday } from './screening-schedule.service';
import { planDays, type ScreeningWeekdays } from './working-days';

/** The EASI team's queue that screening review tasks land in. */
export const EASI_TEAM_QUEUE = 'easi-team';

type Activities = DailyScreeningActivities;

/** The earliest day a run may screen through the workflow (the API allows from 2000; the bench and tests use older synthetic days). */
export const EARLIEST_RUN_DAY = '1900-01-01';
/** A scheduled time a little ahead of this worker's clock is clock skew, not a run for the future. */
const SCHEDULE_CLOCK_SLACK_MS = 60 * 60 * 1000;

/** Now, replaceable in tests. */
export const SCREENING_CLOCK = Symbol('SCREENING_CLOCK');

/** The work behind the daily screening workflow's activities; each step is safe to repeat. */
@Injectable()
export class ScreeningRunService {
  private readonly clock: () => Date;

  constructor(
    private readonly runs: ScreeningRunRepository,
    private readonly families: OffenceFamilyService,
    private readonly holidays: BankHolidayService,
    private readonly schedule: ScreeningScheduleService,
    @Optional() @Inject(SCREENING_CLOCK) clock?: () => Date,
  ) {
    this.clock = clock ?? (() => new Date());
  }

  /**
   * The days a run screens, on the calendar the Schedule is set to: its weekdays, its zone and its
   * time (read when the activity runs, so histories keep replaying; with no Schedule, the
   * defaults). A day given by hand must be a real day from 1900 (the earliest the bench and the
   * end-to-end tests use for their own synthetic days) up to today: a day ahead would claim every
   * report not yet screened and close that day before its own run.
   */
  async planScreeningDays(input: Parameters<Activities['planScreeningDays']>[0]): Promise<{ days: ScreeningDayPlan[] }> {
    const refuse = (message: string): never => {
      throw ApplicationFailure.nonRetryable(message, 'BusinessRefusal');
    };
    const now = this.clock();
    const scheduledFor = input.scheduledFor !== undefined ? new Date(input.scheduledFor) : undefined;
    if (scheduledFor && Number.isNaN(scheduledFor.getTime())) refuse(`scheduledFor is not a date: ${input.scheduledFor}`);
    if (scheduledFor && scheduledFor.getTime() > now.getTime() + SCHEDULE_CLOCK_SLACK_MS)
      refuse(`scheduledFor is in the future: ${input.scheduledFor}`);
    if (input.day !== undefined && !isDay(input.day)) refuse(`day must be YYYY-MM-DD: ${input.day}`);
    const calendar = await this.calendar();
    const { timeZone } = calendar;
    const { hour, minute } = scheduledFor ? wallClockTime(scheduledFor, timeZone) : calendar;
    const cutoffOf = (day: string): string => wallClockInstant(day, hour, minute, timeZone).toISOString();
    const inRange = (day: string): void => {
      const today = [dayOf(now, SCREENING_TIME_ZONE), dayOf(now, timeZone)].sort()[1]!;
      if (day < EARLIEST_RUN_DAY) refuse(`day must be ${EARLIEST_RUN_DAY} or later: ${day}`);
      if (day > today) refuse(`day must not be after today (${today}): ${day}`);
    };
    if (input.day !== undefined) {
      inRange(input.day);
      return { days: [{ day: input.day, cutoff: cutoffOf(input.day) }] };
    }
    if (!scheduledFor) return refuse('a run needs a day or the scheduled time');
    const target = dayOf(scheduledFor, timeZone);
    if (target < EARLIEST_RUN_DAY) refuse(`scheduledFor must be on ${EARLIEST_RUN_DAY} or later: ${input.scheduledFor}`);
    const last = await this.runs.lastCompletedBefore(target);
    const from = last ?? target;
    const completed = new Set((await this.runs.completedDays(from, target)).map((r) => r.day));
    const days = planDays(
      target,
      completed,
      last,
      input.maxCatchUpDays,
      await this.holidays.nonWorkingDays(from, target),
      calendar.weekdays,
    );
    return { days: days.map((day) => ({ day, cutoff: day === target ? scheduledFor.toISOString() : cutoffOf(day) })) };
  }

  /** The Schedule's time, zone and weekdays; the defaults when there is no Schedule (a test's own run). */
  private async calendar(): Promise<{ hour: number; minute: number; timeZone: string; weekdays: ScreeningWeekdays }> {
    const toNumbers = (weekdays: readonly Weekday[]): ScreeningWeekdays => new Set(weekdays.map((d) => DAYS.indexOf(d)));
    const fallback = {
      hour: DEFAULT_SCHEDULE.hour,
      minute: DEFAULT_SCHEDULE.minute,
      timeZone: DEFAULT_SCHEDULE.timeZone,
      weekdays: toNumbers(DEFAULT_SCHEDULE.weekdays),
    };
    let settings: Awaited<ReturnType<ScreeningScheduleService['describe']>>;
    try {
      settings = await this.schedule.describe();
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) return fallback;
      throw error;
    }
    return {
      hour: settings.hour,
      minute: settings.minute,
      timeZone: settings.timeZone || fallback.timeZone,
      weekdays: settings.weekdays.length > 0 ? toNumbers(settings.weekdays) : fallback.weekdays,
    };
  }

  beginScreeningDay(input: Parameters<Activities['beginScreeningDay']>[0]): ReturnType<Activities['beginScreeningDay']> {
    return this.runs.begin(input.day, new Date(input.cutoff), input.workflowId);
  }

  async screenReportChunk({
    day,
    afterId,
    limit,
    lane,
    lanes,
  }: Parameters<Activities['screenReportChunk']>[0]): ReturnType<Activities['screenReportChunk']> {
    // One row past the limit says whether the lane has more, so a lane ends without an empty last call.
    const fetched = await this.runs.chunk(day, afterId, limit + 1, lane ?? 0, lanes ?? 1);
    const more = fetched.length > limit;
    const rows = more ? fetched.slice(0, limit) : fetched;
    if (rows.length === 0) return { processed: 0, hits: 0, lastId: afterId, done: true };
    const families = await this.families.byFamily();
    const hits: NewHit[] = [];
    for (const row of rows) {
      const hit = screenReport(row, families.get(row.recordedFamily));
      if (!hit) continue;
      hits.push({
        day,
        source: 'crime-report',
        sourceRef: row.reportRef,
        sourceVersion: row.version,
        policeArea: row.policeArea,
        recordedFamily: row.recordedFamily,
        relationship: row.relationship,
        suspectRefs: row.suspectRefs,
        victimRefs: row.victimRefs,
        linkedReportRefs: hit.linkedReportRefs,
        flags: hit.flags,
        misclassificationConfidence: hit.misclassificationConfidence,
        suggestedActions: hit.suggestedActions,
        taskKind: hit.misclassificationConfidence !== null ? 'reclassification-review' : 'screening-review',
      });
    }
    const inserted = await this.runs.insertHits(hits, EASI_TEAM_QUEUE);
    const lastId = rows[rows.length - 1]!.id;
    await this.runs.recordProgress(day, rows.length);
    return { processed: rows.length, hits: inserted, lastId, done: !more };
  }

  async screenCustodyRecords({ day }: Parameters<Activities['screenCustodyRecords']>[0]): ReturnType<Activities['screenCustodyRecords']> {
    const records = await this.runs.custodyRecords(day);
    const families = await this.families.byFamily();
    const hits: NewHit[] = [];
    for (const record of records) {
      const hit = screenCustodyRecord(record, families);
      if (!hit) continue;
      hits.push({
        day,
        source: 'custody-record',
        sourceRef: record.eventId,
        sourceVersion: 1,
        policeArea: record.policeArea,
        recordedFamily: record.families[0] ?? 'other',
        relationship: record.relationship,
        suspectRefs: [record.personRef],
        victimRefs: record.victimRefs,
        linkedReportRefs: hit.linkedReportRefs,
        flags: hit.flags,
        misclassificationConfidence: null,
        suggestedActions: hit.suggestedActions,
        taskKind: 'screening-review',
      });
    }
    const inserted = await this.runs.insertHits(hits, EASI_TEAM_QUEUE);
    await this.runs.recordProgress(day, 0);
    return { processed: records.length, hits: inserted };
  }

  async completeScreeningDay({ day }: Parameters<Activities['completeScreeningDay']>[0]): Promise<ScreeningDaySummary> {
    await this.runs.complete(day);
    const run = await this.runs.run(day);
    const summary = await this.runs.summary(day);
    return { day, reports: run?.reportsTotal ?? 0, custodyRecords: run?.custodyTotal ?? 0, ...summary };
  }

  activities(): DailyScreeningActivities {
    return {
      planScreeningDays: (input) => this.planScreeningDays(input),
      beginScreeningDay: (input) => this.beginScreeningDay(input),
      screenReportChunk: (input) => this.screenReportChunk(input),
      screenCustodyRecords: (input) => this.screenCustodyRecords(input),
      completeScreeningDay: (input) => this.completeScreeningDay(input),
    };
  }
}
