import { addDays } from './london-time';

/** Days (YYYY-MM-DD) that are not working days although they fall on a screening weekday: the bank holidays in force. */
export type NonWorkingDays = ReadonlySet<string>;

/** Days of the week the Schedule screens on, 0 = Sunday … 6 = Saturday (as `Date.getUTCDay`). */
export type ScreeningWeekdays = ReadonlySet<number>;

const NONE: NonWorkingDays = new Set();
export const MONDAY_TO_FRIDAY: ScreeningWeekdays = new Set([1, 2, 3, 4, 5]);

/** Far enough back to find any count of working days the planner asks for, yet always finite. */
const MAX_DAYS_BACK = 800;

/** A screening weekday (Monday to Friday unless the Schedule says otherwise) that is not a bank holiday. */
export const isWorkingDay = (day: string, holidays: NonWorkingDays = NONE, weekdays: ScreeningWeekdays = MONDAY_TO_FRIDAY): boolean =>
  weekdays.has(new Date(`${day}T00:00:00Z`).getUTCDay()) && !holidays.has(day);

/** Working days strictly before `day`, newest first, at most `count` of them. */
export const previousWorkingDays = (
  day: string,
  count: number,
  holidays: NonWorkingDays = NONE,
  weekdays: ScreeningWeekdays = MONDAY_TO_FRIDAY,
): string[] => {
  const out: string[] = [];
  let cursor = day;
  for (let back = 0; out.length < count && back < MAX_DAYS_BACK; back++) {
    cursor = addDays(cursor, -1);
    if (isWorkingDay(cursor, holidays, weekdays)) out.push(cursor);
  }
  return out;
};

/**
 * The days a run started for `target` must screen, oldest first: the missed working days since
 * the last completed day (at most `maxCatchUp` of them; days the Schedule does not run on and
 * bank holidays are not missed days), then the target itself; completed days are never screened
 * again. The target is screened whatever day it is: the Schedule (which skips bank holidays) or a
 * person chose it. A report recorded on a skipped day is not lost: the next run claims everything
 * not yet claimed up to its cutoff. With no completed day at all there is nothing to catch up.
 */
export const planDays = (
  target: string,
  completed: ReadonlySet<string>,
  lastCompletedBefore: string | null,
  maxCatchUp: number,
  holidays: NonWorkingDays = NONE,
  weekdays: ScreeningWeekdays = MONDAY_TO_FRIDAY,
): string[] => {
  const missed =
    lastCompletedBefore === null
      ? []
      : previousWorkingDays(target, maxCatchUp, holidays, weekdays).filter((d) => d > lastCompletedBefore && !completed.has(d));
  const days = [...missed.reverse()];
  if (!completed.has(target)) days.push(target);
  return days;
};
