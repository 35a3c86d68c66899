import { z } from 'zod';
import { DAYS, DEFAULT_SCHEDULE } from './screening-schedule.service';
import { SCREENING_TIME_ZONE, dayOf } from './london-time';

/**
 * The first day the API lets anyone ask about or screen. Nothing EASI screens was recorded before
 * it, and it keeps years such as 0000 (which PostgreSQL has no date for) away from the database.
 */
export const EARLIEST_SCREENING_DAY = '2000-01-01';
const EARLIEST_MONTH = EARLIEST_SCREENING_DAY.slice(0, 7);

/** Today on the force's wall clock: a day after it has no reports yet, and screening it would close it early. */
const today = (): string => dayOf(new Date(), SCREENING_TIME_ZONE);

export const Day = z.iso
  .date({ message: 'must be a day YYYY-MM-DD' })
  .superRefine((day, ctx) => {
    if (day < EARLIEST_SCREENING_DAY) ctx.addIssue({ code: 'custom', message: `must be ${EARLIEST_SCREENING_DAY} or later` });
    else if (day > today()) ctx.addIssue({ code: 'custom', message: `must not be after today (${today()}, ${SCREENING_TIME_ZONE})` });
  })
  .describe(`a day YYYY-MM-DD from ${EARLIEST_SCREENING_DAY} up to today (${SCREENING_TIME_ZONE})`);

export const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
  .superRefine((month, ctx) => {
    if (month < EARLIEST_MONTH) ctx.addIssue({ code: 'custom', message: `must be ${EARLIEST_MONTH} or later` });
    else if (month > today().slice(0, 7))
      ctx.addIssue({ code: 'custom', message: `must not be after this month (${today().slice(0, 7)}, ${SCREENING_TIME_ZONE})` });
  });

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(20_000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListQueryParams = z.infer<typeof ListQuery>;

export const FiguresQuery = z
  .object({ from: Month, to: Month })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type FiguresQueryParams = z.infer<typeof FiguresQuery>;

export const StartRunSchema = z.object({ day: Day, chunkSize: z.number().int().min(100).max(20_000).optional() }).strict();
export type StartRunBody = z.infer<typeof StartRunSchema>;

/** Zones Temporal accepts for a Schedule: the IANA names this runtime knows, and UTC. */
const TIME_ZONES: ReadonlySet<string> = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

export const isTimeZone = (value: string): boolean => TIME_ZONES.has(value);

export const ScheduleSchema = z
  .object({
    hour: z.number().int().min(0).max(23).default(DEFAULT_SCHEDULE.hour),
    minute: z.number().int().min(0).max(59).default(DEFAULT_SCHEDULE.minute),
    timeZone: z
      .string()
      .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/London, or UTC' })
      .default(DEFAULT_SCHEDULE.timeZone),
    weekdays: z.array(z.enum(DAYS)).min(1).default(DEFAULT_SCHEDULE.weekdays),
    catchupWindow: z
      .string()
      .regex(/^\d+ (seconds|minutes|hours|days)$/)
      .default(DEFAULT_SCHEDULE.catchupWindow),
    paused: z.boolean().default(false),
  })
  .strict();
export type ScheduleBody = z.infer<typeof ScheduleSchema>;
