import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  TASK_QUEUES,
  screeningProgressQuery,
  type DailyScreeningActivities,
  type DailyScreeningInput,
  type DailyScreeningResult,
  type ScreeningDaySummary,
  type ScreeningProgress,
} from '@easi/contracts';

const screening = proxyActivities<DailyScreeningActivities>({
  taskQueue: TASK_QUEUES.screening,
  startToCloseTimeout: '5 minutes',
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['BusinessRefusal'] },
});

/** Set by the Schedule on every workflow it starts, catch-up runs included. */
const SCHEDULED_START_TIME = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

const DEFAULT_MAX_CATCH_UP_DAYS = 10;
const DEFAULT_CHUNK_SIZE = 2000;
const DEFAULT_LANES = 3;

/**
 * The daily force-wide screening, started by the `screening-daily` Schedule (or by hand for one
 * day). It screens any missed working days first, each once, then its own day: every report
 * recorded or amended since the previous run and the live custody records go through the rules,
 * and each hit becomes a row on the day's list with a review task. Every step is idempotent, so a
 * re-run of a day adds nothing already there.
 */
export async function dailyScreening(input: DailyScreeningInput = {}): Promise<DailyScreeningResult> {
  const info = workflowInfo();
  const scheduledAt = info.typedSearchAttributes.get(SCHEDULED_START_TIME);
  const scheduledFor =
    input.scheduledFor ??
    (scheduledAt ? new Date(scheduledAt).toISOString() : input.day === undefined ? info.startTime.toISOString() : undefined);
  const chunkSize = input.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const lanes = Math.max(1, Math.min(8, input.lanes ?? DEFAULT_LANES));
  const progress: ScreeningProgress = { day: null, daysPlanned: [], daysDone: [], reportsToScreen: 0, reportsScreened: 0, hits: 0 };
  setHandler(screeningProgressQuery, () => progress);

  const { days } = await screening.planScreeningDays({
    ...(scheduledFor !== undefined ? { scheduledFor } : {}),
    ...(input.day !== undefined ? { day: input.day } : {}),
    maxCatchUpDays: input.maxCatchUpDays ?? DEFAULT_MAX_CATCH_UP_DAYS,
  });
  progress.daysPlanned = days.map((d) => d.day);

  const summaries: ScreeningDaySummary[] = [];
  for (const plan of days) {
    progress.day = plan.day;
    const claimed = await screening.beginScreeningDay({ ...plan, workflowId: `${info.workflowId}/${info.runId}` });
    progress.reportsToScreen = claimed.reports;
    progress.reportsScreened = 0;
    progress.hits = 0;
    const lane = async (index: number): Promise<void> => {
      let afterId = '0';
      for (;;) {
        const chunk = await screening.screenReportChunk({ day: plan.day, afterId, limit: chunkSize, lane: index, lanes });
        progress.reportsScreened += chunk.processed;
        progress.hits += chunk.hits;
        afterId = chunk.lastId;
        if (chunk.done) return;
      }
    };
    await Promise.all(Array.from({ length: lanes }, (_, index) => lane(index)));
    const custody = await screening.screenCustodyRecords({ day: plan.day });
    progress.hits += custody.hits;
    summaries.push(await screening.completeScreeningDay({ day: plan.day }));
    progress.daysDone.push(plan.day);
  }
  progress.day = null;
  return { days: summaries };
}
