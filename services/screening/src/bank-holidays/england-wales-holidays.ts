/**
 * The regular England and Wales bank holidays of a year, by rule (Banking and Financial Dealings
 * Act 1971 and the customary substitute days), so the screening calendar knows years ahead.
 *
 * Only the regular pattern: a proclaimed one-off change (2020 Early May moved to Friday 8 May for
 * VE Day; 2022 Spring moved to Thursday 2 June plus Friday 3 June for the Platinum Jubilee and
 * Monday 19 September for the State Funeral; 2023 Monday 8 May for the Coronation) cannot be
 * computed. That is why supervisors can still add and withdraw days, and why the horizon fill never
 * overrides a day they decided.
 */

export type BankHoliday = { day: string; name: string };

const SUBSTITUTE = ' (substitute day)';

const iso = (year: number, month: number, dayOfMonth: number): string =>
  new Date(Date.UTC(year, month - 1, dayOfMonth)).toISOString().slice(0, 10);

/** 0 Sunday … 6 Saturday. */
const weekday = (year: number, month: number, dayOfMonth: number): number => new Date(Date.UTC(year, month - 1, dayOfMonth)).getUTCDay();

/** Gregorian Easter Sunday (anonymous Gregorian computus, Meeus/Jones/Butcher) as month and day. */
export const easterSunday = (year: number): { month: number; day: number } => {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
};

const firstMonday = (year: number, month: number): number => 1 + ((8 - weekday(year, month, 1)) % 7);

const lastMonday = (year: number, month: number): number => {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return last - ((weekday(year, month, last) + 6) % 7);
};

/** New Year's Day, moved to the Monday when it falls on a weekend. */
const newYear = (year: number): BankHoliday => {
  const w = weekday(year, 1, 1);
  if (w === 6) return { day: iso(year, 1, 3), name: `New Year's Day${SUBSTITUTE}` };
  if (w === 0) return { day: iso(year, 1, 2), name: `New Year's Day${SUBSTITUTE}` };
  return { day: iso(year, 1, 1), name: "New Year's Day" };
};

/**
 * Christmas Day and Boxing Day: on Saturday Christmas → Monday 27 and Boxing Day → Tuesday 28; on
 * Sunday Christmas → Boxing Day stays Monday 26 and Christmas moves to Tuesday 27; on Friday
 * Christmas, Boxing Day (a Saturday) → Monday 28.
 */
const christmas = (year: number): BankHoliday[] => {
  switch (weekday(year, 12, 25)) {
    case 6:
      return [
        { day: iso(year, 12, 27), name: `Christmas Day${SUBSTITUTE}` },
        { day: iso(year, 12, 28), name: `Boxing Day${SUBSTITUTE}` },
      ];
    case 0:
      return [
        { day: iso(year, 12, 26), name: 'Boxing Day' },
        { day: iso(year, 12, 27), name: `Christmas Day${SUBSTITUTE}` },
      ];
    case 5:
      return [
        { day: iso(year, 12, 25), name: 'Christmas Day' },
        { day: iso(year, 12, 28), name: `Boxing Day${SUBSTITUTE}` },
      ];
    default:
      return [
        { day: iso(year, 12, 25), name: 'Christmas Day' },
        { day: iso(year, 12, 26), name: 'Boxing Day' },
      ];
  }
};

/** The eight regular England and Wales bank holidays of `year`, in date order. */
export const englandAndWalesBankHolidays = (year: number): BankHoliday[] => {
  // The computus is Gregorian; four-digit years keep every day a plain YYYY-MM-DD.
  if (!Number.isInteger(year) || year < 1583 || year > 9999) throw new RangeError(`not a Gregorian year 1583–9999: ${year}`);
  const easter = easterSunday(year);
  const easterUtc = Date.UTC(year, easter.month - 1, easter.day);
  const shift = (days: number): string => new Date(easterUtc + days * 86_400_000).toISOString().slice(0, 10);
  return [
    newYear(year),
    { day: shift(-2), name: 'Good Friday' },
    { day: shift(1), name: 'Easter Monday' },
    { day: iso(year, 5, firstMonday(year, 5)), name: 'Early May bank holiday' },
    { day: iso(year, 5, lastMonday(year, 5)), name: 'Spring bank holiday' },
    { day: iso(year, 8, lastMonday(year, 8)), name: 'Summer bank holiday' },
    ...christmas(year),
  ];
};

/** The regular bank holiday on `day` (YYYY-MM-DD), if the rule gives one. */
export const regularBankHoliday = (day: string): BankHoliday | undefined => {
  const year = Number(day.slice(0, 4));
  return year >= 1583 && year <= 9999 ? englandAndWalesBankHolidays(year).find((h) => h.day === day) : undefined;
};

/** The regular bank holidays of `years` consecutive years from `fromYear`. */
export const bankHolidaysOfYears = (fromYear: number, years: number): BankHoliday[] =>
  Array.from({ length: years }, (_, i) => englandAndWalesBankHolidays(fromYear + i)).flat();
