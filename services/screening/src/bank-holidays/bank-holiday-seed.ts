/**
 * England and Wales bank holidays 2025–2027 as announced (substitute days where the day falls on a
 * weekend). Seeded once by migration (source 'seed'); later years are added by the service's rolling
 * horizon from the rule in england-wales-holidays.ts (source 'computed'), and one-off changes (e.g.
 * a royal occasion) are made by supervisors through the API (source 'supervisor').
 */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: readonly { day: string; name: string }[] = [
  { day: '2025-01-01', name: "New Year's Day" },
  { day: '2025-04-18', name: 'Good Friday' },
  { day: '2025-04-21', name: 'Easter Monday' },
  { day: '2025-05-05', name: 'Early May bank holiday' },
  { day: '2025-05-26', name: 'Spring bank holiday' },
  { day: '2025-08-25', name: 'Summer bank holiday' },
  { day: '2025-12-25', name: 'Christmas Day' },
  { day: '2025-12-26', name: 'Boxing Day' },
  { day: '2026-01-01', name: "New Year's Day" },
  { day: '2026-04-03', name: 'Good Friday' },
  { day: '2026-04-06', name: 'Easter Monday' },
  { day: '2026-05-04', name: 'Early May bank holiday' },
  { day: '2026-05-25', name: 'Spring bank holiday' },
  { day: '2026-08-31', name: 'Summer bank holiday' },
  { day: '2026-12-25', name: 'Christmas Day' },
  { day: '2026-12-28', name: 'Boxing Day (substitute day)' },
  { day: '2027-01-01', name: "New Year's Day" },
  { day: '2027-03-26', name: 'Good Friday' },
  { day: '2027-03-29', name: 'Easter Monday' },
  { day: '2027-05-03', name: 'Early May bank holiday' },
  { day: '2027-05-31', name: 'Spring bank holiday' },
  { day: '2027-08-30', name: 'Summer bank holiday' },
  { day: '2027-12-27', name: 'Christmas Day (substitute day)' },
  { day: '2027-12-28', name: 'Boxing Day (substitute day)' },
];
