import { Inject, Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { DAILY_SCREENING_WORKFLOW_TYPE, TASK_QUEUES, screeningDayWorkflowId, type DailyScreeningInput } from '@easi/contracts';
import { TEMPORAL_CLIENT } from '@easi/temporal';
import { ScreeningRunRepository, type HitRow, type ScreeningRunRow } from './screening-run.repository';

export type ScreeningDayView = { day: string; run: ScreeningRunRow | null; total: number; items: HitRow[] };
export type StartedRun = { day: string; workflowId: string; alreadyRunning: boolean };

/** Reads the day's list and starts a run for one day by hand. */
@Injectable()
export class ScreeningListService {
  constructor(
    private readonly runsRepo: ScreeningRunRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  runs(): Promise<ScreeningRunRow[]> {
    return this.runsRepo.runs(60);
  }

  run(day: string): Promise<ScreeningRunRow | null> {
    return this.runsRepo.run(day);
  }

  async day(day: string, limit: number, offset: number): Promise<ScreeningDayView> {
    const [run, total, items] = await Promise.all([
      this.runsRepo.run(day),
      this.runsRepo.countHitsOfDay(day),
      this.runsRepo.hitsOfDay(day, limit, offset),
    ]);
    return { day, run, total, items };
  }

  /** A second start for the same day while it runs reaches the running one. */
  async start(day: string, chunkSize?: number): Promise<StartedRun> {
    const workflowId = screeningDayWorkflowId(day);
    const input: DailyScreeningInput = { day, ...(chunkSize ? { chunkSize } : {}) };
    try {
      await this.temporal.workflow.start(DAILY_SCREENING_WORKFLOW_TYPE, {
        workflowId,
        taskQueue: TASK_QUEUES.journeys,
        args: [input],
        workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      });
      return { day, workflowId, alreadyRunning: false };
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return { day, workflowId, alreadyRunning: true };
      throw error;
    }
  }
}
