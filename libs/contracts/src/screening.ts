import { defineQuery } from '@temporalio/workflow';

/** Workflow type of the daily force-wide crime screening (run by the journey worker). */
export const DAILY_SCREENING_WORKFLOW_TYPE = 'dailyScreening';

/** The Temporal Schedule that starts the daily screening (working days, 07:00 Europe/London by default). */
export const DAILY_SCREENING_SCHEDULE_ID = 'screening-daily';

/** Workflow id of a run started for one day by hand (API), so two clicks reach the same run. */
export const screeningDayWorkflowId = (day: string): string => `screening-day-${day}`;

/** The actions a screening hit can lead to (the EASI team's own list). */
export const SUGGESTED_ACTIONS = [
  'record-on-list',
  'reclassification-submission',
  'link-to-other-reports',
  'refer-to-triage-clinic',
  'consider-interim-or-full-spo',
  'victim-contact-and-isac-referral',
  'possible-easi-candidate',
  'no-further-action',
] as const;
export type SuggestedAction = (typeof SUGGESTED_ACTIONS)[number];

export type DailyScreeningInput = {
  /** Screen exactly this day (YYYY-MM-DD, on the Schedule's wall clock), again if already done; no catch-up. */
  day?: string;
  /** Scheduled instant (ISO) when not started by the Schedule; defaults to the Schedule's time or the start time. */
  scheduledFor?: string;
  /** Working days before the scheduled day that are run first when they were missed. Default 10. */
  maxCatchUpDays?: number;
  /** Reports screened per activity call (progress is updated after each). Default 2,000. */
  chunkSize?: number;
  /** Slices of the day screened at once, so database work and rule evaluation overlap. Default 3. */
  lanes?: number;
};

export type ScreeningDayPlan = {
  day: string;
  /** Reports recorded up to this instant (and not screened before) belong to the day. */
  cutoff: string;
};

export type ScreeningDaySummary = {
  day: string;
  reports: number;
  custodyRecords: number;
  hits: number;
  misclassificationFlags: number;
  reviewTasks: number;
};

export type ScreeningProgress = {
  day: string | null;
  daysPlanned: string[];
  daysDone: string[];
  reportsToScreen: number;
  reportsScreened: number;
  hits: number;
};

export type DailyScreeningResult = { days: ScreeningDaySummary[] };

/** Activities of the daily screening, on task queue `screening`. */
export type DailyScreeningActivities = {
  /** `scheduledFor` absent with a `day`: that day's cutoff is at the Schedule's time in its zone (07:00 Europe/London unless a supervisor changed it). */
  planScreeningDays(input: { scheduledFor?: string; day?: string; maxCatchUpDays: number }): Promise<{ days: ScreeningDayPlan[] }>;
  beginScreeningDay(input: ScreeningDayPlan & { workflowId: string }): Promise<{ reports: number; custodyRecords: number }>;
  screenReportChunk(input: {
    day: string;
    afterId: string;
    limit: number;
    lane?: number;
    lanes?: number;
  }): Promise<{ processed: number; hits: number; lastId: string; done: boolean }>;
  screenCustodyRecords(input: { day: string }): Promise<{ processed: number; hits: number }>;
  completeScreeningDay(input: { day: string }): Promise<ScreeningDaySummary>;
};

export const screeningProgressQuery = defineQuery<ScreeningProgress>('screeningProgress');
