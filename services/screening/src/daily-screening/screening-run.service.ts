import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import type { DailyScreeningActivities, ScreeningDayPlan, ScreeningDaySummary } from '@easi/contracts';
import { BankHolidayService } from '../bank-holidays/bank-holiday.service';
import { OffenceFamilyService } from '../offence-families/offence-family.service';
import { screenCustodyRecord, screenReport } from './hit-rules';
import { dayOf, isDay, wallClockInstant, wallClockTime } from './london-time';
import { ScreeningRunRepository, type NewHit } from './screening-run.repository';
import { DEFAULT_SCHEDULE } from './screening-schedule.service';
import { planDays } from './working-days';

/** The EASI team's queue that screening review tasks land in. */
export const EASI_TEAM_QUEUE = 'easi-team';

type Activities = DailyScreeningActivities;

/** The work behind the daily screening workflow's activities; each step is safe to repeat. */
@Injectable()
export class ScreeningRunService {
  constructor(
    private readonly runs: ScreeningRunRepository,
    private readonly families: OffenceFamilyService,
    private readonly holidays: BankHolidayService,
  ) {}

  async planScreeningDays(input: Parameters<Activities['planScreeningDays']>[0]): Promise<{ days: ScreeningDayPlan[] }> {
    const scheduledFor = input.scheduledFor !== undefined ? new Date(input.scheduledFor) : undefined;
    if (scheduledFor && Number.isNaN(scheduledFor.getTime())) throw ApplicationFailure.nonRetryable(`scheduledFor is not a date: ${input.scheduledFor}`, 'BusinessRefusal');
    const { hour, minute } = scheduledFor ? wallClockTime(scheduledFor) : DEFAULT_SCHEDULE;
    const cutoffOf = (day: string): string => wallClockInstant(day, hour, minute).toISOString();
    if (input.day !== undefined) {
      if (!isDay(input.day)) throw ApplicationFailure.nonRetryable(`day must be YYYY-MM-DD: ${input.day}`, 'BusinessRefusal');
      return { days: [{ day: input.day, cutoff: cutoffOf(input.day) }] };
    }
    if (!scheduledFor) throw ApplicationFailure.nonRetryable('a run needs a day or the scheduled time', 'BusinessRefusal');
    const target = dayOf(scheduledFor);
    const last = await this.runs.lastCompletedBefore(target);
    const from = last ?? target;
    const completed = new Set((await this.runs.completedDays(from, target)).map((r) => r.day));
    const days = planDays(target, completed, last, input.maxCatchUpDays, await this.holidays.nonWorkingDays(from, target));
    return { days: days.map((day) => ({ day, cutoff: day === target ? scheduledFor.toISOString() : cutoffOf(day) })) };
  }

  beginScreeningDay(input: Parameters<Activities['beginScreeningDay']>[0]): ReturnType<Activities['beginScreeningDay']> {
    return this.runs.begin(input.day, new Date(input.cutoff), input.workflowId);
  }

  async screenReportChunk({ day, afterId, limit, lane, lanes }: Parameters<Activities['screenReportChunk']>[0]): ReturnType<Activities['screenReportChunk']> {
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
