/** Dates of the screening calendar: YYYY-MM-DD days on the force's wall clock (Europe/London by default). */

export const SCREENING_TIME_ZONE = 'Europe/London';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const isDay = (value: string): boolean =>
  DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

const parts = (instant: Date, timeZone: string): Record<string, number> => {
  const formatted = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const out: Record<string, number> = {};
  for (const p of formatted) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
};

/** The calendar day of an instant on the wall clock of `timeZone`. */
export const dayOf = (instant: Date, timeZone = SCREENING_TIME_ZONE): string => {
  const p = parts(instant, timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
};

/** Minutes the wall clock of `timeZone` is ahead of UTC at an instant. */
const offsetMinutes = (instant: Date, timeZone: string): number => {
  const p = parts(instant, timeZone);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
};

/** The instant when the wall clock of `timeZone` shows `day` at hour:minute. */
export const wallClockInstant = (day: string, hour: number, minute: number, timeZone = SCREENING_TIME_ZONE): Date => {
  const guess = Date.parse(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
  const first = guess - offsetMinutes(new Date(guess), timeZone) * 60_000;
  // Near a clock change the offset at the guess may differ from the offset at the answer.
  return new Date(guess - offsetMinutes(new Date(first), timeZone) * 60_000);
};

/** Hour and minute of an instant on the wall clock of `timeZone`. */
export const wallClockTime = (instant: Date, timeZone = SCREENING_TIME_ZONE): { hour: number; minute: number } => {
  const p = parts(instant, timeZone);
  return { hour: p.hour!, minute: p.minute! };
};

export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
