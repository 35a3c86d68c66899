import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from '../bank-holidays/bank-holiday-seed';
import { isWorkingDay, planDays, previousWorkingDays } from './working-days';

const holidays = new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.day));

describe('working days', () => {
  it('should count Monday to Friday as working days when walking back over a weekend', () => {
    expect(isWorkingDay('2026-11-27')).toBe(true);
    expect(isWorkingDay('2026-11-28')).toBe(false);
    expect(previousWorkingDays('2026-11-30', 3)).toEqual(['2026-11-27', '2026-11-26', '2026-11-25']);
  });

  it('should not count a bank holiday as a working day when it falls on a weekday', () => {
    expect(isWorkingDay('2026-05-04', holidays)).toBe(false);
    expect(isWorkingDay('2026-05-04')).toBe(true);
    expect(isWorkingDay('2026-05-05', holidays)).toBe(true);
  });

  it('should walk back over Easter when Good Friday and Easter Monday are bank holidays', () => {
    expect(previousWorkingDays('2026-04-07', 3, holidays)).toEqual(['2026-04-02', '2026-04-01', '2026-03-31']);
  });

  it('should skip both substitute days when Christmas and Boxing Day 2027 fall on a weekend', () => {
    expect(previousWorkingDays('2027-12-29', 2, holidays)).toEqual(['2027-12-24', '2027-12-23']);
  });
});

describe('the seeded bank holidays', () => {
  it('should hold eight England and Wales bank holidays a year for 2025 to 2027, each on a weekday', () => {
    for (const year of ['2025', '2026', '2027'])
      expect(ENGLAND_AND_WALES_BANK_HOLIDAYS.filter((h) => h.day.startsWith(year))).toHaveLength(8);
    for (const h of ENGLAND_AND_WALES_BANK_HOLIDAYS) expect(isWorkingDay(h.day)).toBe(true);
  });
});

describe('planDays', () => {
  it('should catch up the missed working days oldest first and then the day itself when two days were missed', () => {
    expect(planDays('2026-11-26', new Set(['2026-11-23']), '2026-11-23', 10)).toEqual(['2026-11-24', '2026-11-25', '2026-11-26']);
  });

  it('should skip the weekend when the last run was on a Friday', () => {
    expect(planDays('2026-11-30', new Set(['2026-11-27']), '2026-11-27', 10)).toEqual(['2026-11-30']);
  });

  it('should screen nothing when the day and the days before it are already done', () => {
    expect(planDays('2026-11-26', new Set(['2026-11-25', '2026-11-26']), '2026-11-25', 10)).toEqual([]);
  });

  it('should catch up at most the configured number of days when the service was down for weeks', () => {
    expect(planDays('2026-11-26', new Set(), '2026-10-01', 2)).toEqual(['2026-11-24', '2026-11-25', '2026-11-26']);
  });

  it('should screen only the day itself when no day was ever completed', () => {
    expect(planDays('2026-11-26', new Set(), null, 10)).toEqual(['2026-11-26']);
  });

  it('should not catch up the Easter bank holidays when the last run was on the Thursday before', () => {
    expect(planDays('2026-04-07', new Set(['2026-04-02']), '2026-04-02', 10, holidays)).toEqual(['2026-04-07']);
  });

  it('should catch up the working days around a bank holiday but not the holiday itself when the service was down that week', () => {
    expect(planDays('2026-05-07', new Set(['2026-05-01']), '2026-05-01', 10, holidays)).toEqual(['2026-05-05', '2026-05-06', '2026-05-07']);
  });

  it('should not count bank holidays against the catch-up limit when Christmas falls among the missed days', () => {
    expect(planDays('2026-12-30', new Set(), '2026-12-01', 3, holidays)).toEqual(['2026-12-23', '2026-12-24', '2026-12-29', '2026-12-30']);
  });

  it('should still screen the target when a run was started on a bank holiday by hand', () => {
    expect(planDays('2026-12-28', new Set(['2026-12-24']), '2026-12-24', 10, holidays)).toEqual(['2026-12-28']);
  });
});

describe('planDays on the days the Schedule is set to', () => {
  const tuesdayToSaturday = new Set([2, 3, 4, 5, 6]);

  it('should catch up a missed Saturday and not a Monday when the Schedule runs Tuesday to Saturday', () => {
    // Last completed Friday 20 November 2026; the run is Tuesday 24th: Saturday 21st was missed, Monday 23rd is not a screening day.
    expect(planDays('2026-11-24', new Set(['2026-11-20']), '2026-11-20', 10, new Set(), tuesdayToSaturday)).toEqual([
      '2026-11-21',
      '2026-11-24',
    ]);
  });

  it('should count only the configured weekdays against the catch-up limit when walking back', () => {
    expect(previousWorkingDays('2026-11-25', 3, new Set(), new Set([1, 3]))).toEqual(['2026-11-23', '2026-11-18', '2026-11-16']);
  });

  it('should stop walking back when no day can ever be a working day', () => {
    expect(previousWorkingDays('2026-11-25', 3, new Set(), new Set())).toEqual([]);
  });
});
