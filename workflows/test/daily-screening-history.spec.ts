import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import {
  DAILY_SCREENING_WORKFLOW_TYPE,
  SEARCH_ATTRIBUTE_KEYS,
  TASK_QUEUES,
  screeningProgressQuery,
  type DailyScreeningActivities,
  type DailyScreeningResult,
  type ScreeningDayPlan,
} from '@easi/contracts';
import { journeyWorkflowOptions } from '../bundle-options';
import { temporalCli } from './harness';
import { recordHistory } from './record-history';

jest.setTimeout(90_000);

/**
 * The daily screening on a real Temporal dev server with stand-in screening activities: a run
 * scheduled for Tuesday 7 April 2026 whose last completed day was Tuesday 31 March, so it catches
 * up Wednesday and Thursday (Good Friday and Easter Monday are bank holidays, not missed days)
 * before its own day, in two lanes of small chunks. With EASI_RECORD_HISTORIES=1 its history is
 * saved for the replay suite.
 */
const PLAN: ScreeningDayPlan[] = [
  { day: '2026-04-01', cutoff: '2026-04-01T06:00:00.000Z' },
  { day: '2026-04-02', cutoff: '2026-04-02T06:00:00.000Z' },
  { day: '2026-04-07', cutoff: '2026-04-07T06:00:00.000Z' },
];
const REPORTS_PER_LANE = 3;

const standInActivities = (calls: string[]): DailyScreeningActivities => ({
  planScreeningDays: async (input) => {
    calls.push(`plan ${input.scheduledFor ?? input.day ?? ''} max ${input.maxCatchUpDays}`);
    return { days: PLAN };
  },
  beginScreeningDay: async ({ day }) => {
    calls.push(`begin ${day}`);
    return { reports: REPORTS_PER_LANE * 2, custodyRecords: 1 };
  },
  screenReportChunk: async ({ day, afterId, limit, lane }) => {
    const seen = Number(afterId);
    const processed = Math.min(limit, REPORTS_PER_LANE - seen);
    calls.push(`chunk ${day} lane ${lane ?? 0} after ${afterId}`);
    return { processed, hits: processed > 1 ? 1 : 0, lastId: String(seen + processed), done: seen + processed >= REPORTS_PER_LANE };
  },
  screenCustodyRecords: async ({ day }) => {
    calls.push(`custody ${day}`);
    return { processed: 1, hits: 1 };
  },
  completeScreeningDay: async ({ day }) => {
    calls.push(`complete ${day}`);
    return { day, reports: REPORTS_PER_LANE * 2, custodyRecords: 1, hits: 3, misclassificationFlags: 1, reviewTasks: 3 };
  },
});

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCli() },
      namespace: 'easi',
      searchAttributes: Object.values(SEARCH_ATTRIBUTE_KEYS),
      extraArgs: ['--log-level', 'error'],
    },
  });
});

afterAll(async () => {
  await env?.teardown();
});

describe('daily screening on a real Temporal server', () => {
  it('should screen the missed working days once each, oldest first, before its own day when days were missed', async () => {
    const calls: string[] = [];
    const connection = env.nativeConnection;
    const journeys = await Worker.create({ connection, namespace: 'easi', taskQueue: TASK_QUEUES.journeys, ...journeyWorkflowOptions() });
    const screening = await Worker.create({
      connection,
      namespace: 'easi',
      taskQueue: TASK_QUEUES.screening,
      activities: standInActivities(calls),
    });
    const run = async (): Promise<void> => {
      const handle = await env.client.workflow.start(DAILY_SCREENING_WORKFLOW_TYPE, {
        workflowId: 'screening-daily-catch-up-2026-04-07',
        taskQueue: TASK_QUEUES.journeys,
        args: [{ scheduledFor: '2026-04-07T06:00:00.000Z', chunkSize: 2, lanes: 2 }],
      });
      const result = (await handle.result()) as DailyScreeningResult;
      expect(result.days.map((d) => d.day)).toEqual(['2026-04-01', '2026-04-02', '2026-04-07']);
      expect(await handle.query(screeningProgressQuery)).toMatchObject({
        day: null,
        daysPlanned: ['2026-04-01', '2026-04-02', '2026-04-07'],
        daysDone: ['2026-04-01', '2026-04-02', '2026-04-07'],
      });
      await recordHistory('daily-screening-catch-up', handle);
    };
    await journeys.runUntil(screening.runUntil(run));
    expect(calls[0]).toBe('plan 2026-04-07T06:00:00.000Z max 10');
    expect(calls.filter((c) => c.startsWith('complete'))).toEqual(['complete 2026-04-01', 'complete 2026-04-02', 'complete 2026-04-07']);
    expect(calls.filter((c) => c.startsWith('chunk 2026-04-01'))).toHaveLength(4);
  });
});
