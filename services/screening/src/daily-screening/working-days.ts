import { addDays } from './london-time';

/** Days (YYYY-MM-DD) that are not working days although they fall Monday to Friday: the bank holidays in force. */
export type NonWorkingDays = ReadonlySet<string>;

const NONE: NonWorkingDays = new Set();

/** Monday to Friday, except a bank holiday. */
export const isWorkingDay = (day: string, holidays: NonWorkingDays = NONE): boolean => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday >= 1 && weekday <= 5 && !holidays.has(day);
};

/** Working days strictly before `day`, newest first, at most `count` of them. */
export const previousWorkingDays = (day: string, count: number, holidays: NonWorkingDays = NONE): string[] => {
  const out: string[] = [];
  let cursor = day;
  while (out.length < count) {
    cursor = addDays(cursor, -1);
    if (isWorkingDay(cursor, holidays)) out.push(cursor);
  }
  return out;
};

/**
 * The days a run started for `target` must screen, oldest first: the missed working days since
 * the last completed day (at most `maxCatchUp` of them; weekends and bank holidays are not
 * missed days), then the target itself; completed days are never screened again. The target is
 * screened whatever day it is: the Schedule (which skips bank holidays) or a person chose it.
 * A report recorded on a skipped day is not lost: the next run claims everything not yet claimed
 * up to its cutoff. With no completed day at all there is nothing to catch up.
 */
export const planDays = (target: string, completed: ReadonlySet<string>, lastCompletedBefore: string | null, maxCatchUp: number, holidays: NonWorkingDays = NONE): string[] => {
  const missed = lastCompletedBefore === null ? [] : previousWorkingDays(target, maxCatchUp, holidays).filter((d) => d > lastCompletedBefore && !completed.has(d));
  const days = [...missed.reverse()];
  if (!completed.has(target)) days.push(target);
  return days;
};
