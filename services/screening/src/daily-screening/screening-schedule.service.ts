import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ScheduleAlreadyRunning, ScheduleNotFoundError, type Client, type ScheduleOptions } from '@temporalio/client';
import { DAILY_SCREENING_SCHEDULE_ID, DAILY_SCREENING_WORKFLOW_TYPE, TASK_QUEUES, type DailyScreeningInput } from '@easi/contracts';
import { TEMPORAL_CLIENT } from '@easi/temporal';
import { SCREENING_TIME_ZONE } from './london-time';

const DAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;
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

export const scheduleOptions = (s: ScreeningScheduleSettings): ScheduleOptions => ({
  scheduleId: DAILY_SCREENING_SCHEDULE_ID,
  spec: { calendars: [{ dayOfWeek: s.weekdays, hour: s.hour, minute: s.minute }], timezone: s.timeZone },
  action: {
    type: 'startWorkflow',
    workflowType: DAILY_SCREENING_WORKFLOW_TYPE,
    taskQueue: TASK_QUEUES.journeys,
    workflowId: DAILY_SCREENING_SCHEDULE_ID,
    args: [{} satisfies DailyScreeningInput],
  },
  policies: { overlap: 'BUFFER_ALL', catchupWindow: s.catchupWindow, pauseOnFailure: false },
  state: { paused: s.paused, note: 'Daily force-wide crime screening (EASI).' },
});

/**
 * Creates the `screening-daily` Schedule when the service boots, once: an existing Schedule is
 * left as it is, so a force's changes (through the API) survive restarts.
 */
@Injectable()
export class ScreeningScheduleService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScreeningScheduleService.name);
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}

  onApplicationBootstrap(): void {
    this.ensure();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private ensure(): void {
    this.ensureSchedule().catch((error: unknown) => {
      if (this.stopped) return;
      this.logger.warn(`cannot create schedule ${DAILY_SCREENING_SCHEDULE_ID} yet (${String(error)}); retrying in ${RETRY_MS} ms`);
      this.timer = setTimeout(() => this.ensure(), RETRY_MS);
    });
  }

  /** True when this call created the Schedule. */
  async ensureSchedule(settings: ScreeningScheduleSettings = DEFAULT_SCHEDULE): Promise<boolean> {
    try {
      await this.client.schedule.create(scheduleOptions(settings));
      this.logger.log(`schedule ${DAILY_SCREENING_SCHEDULE_ID} created`);
      return true;
    } catch (error) {
      if (error instanceof ScheduleAlreadyRunning) return false;
      throw error;
    }
  }

  async describe(): Promise<ScreeningScheduleSettings & { nextRuns: string[]; recentRuns: string[] }> {
    const description = await this.client.schedule.getHandle(DAILY_SCREENING_SCHEDULE_ID).describe();
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
    };
  }

  /** Replaces the time, days, zone, catch-up window or paused state; the action stays the daily screening. */
  async update(settings: ScreeningScheduleSettings): Promise<void> {
    const handle = this.client.schedule.getHandle(DAILY_SCREENING_SCHEDULE_ID);
    try {
      await handle.update((previous) => {
        const next = scheduleOptions(settings);
        return { ...previous, spec: next.spec, policies: { ...previous.policies, ...next.policies }, state: { ...previous.state, paused: settings.paused } };
      });
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
      await this.ensureSchedule(settings);
    }
  }
}
