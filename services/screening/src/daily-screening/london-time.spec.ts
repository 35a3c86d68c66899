import { addDays, dayOf, isDay, isWorkingDay, planDays, previousWorkingDays, wallClockInstant, wallClockTime } from './london-time';

describe('London screening calendar', () => {
  it('should give the London day when the instant is after midnight London but before midnight UTC in summer', () => {
    expect(dayOf(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(dayOf(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });

  it('should find 07:00 London as 06:00 UTC when British Summer Time is in force and 07:00 UTC in winter', () => {
    expect(wallClockInstant('2026-07-01', 7, 0).toISOString()).toBe('2026-07-01T06:00:00.000Z');
    expect(wallClockInstant('2026-11-25', 7, 0).toISOString()).toBe('2026-11-25T07:00:00.000Z');
  });

  it('should find 07:00 on the days the clocks change', () => {
    expect(wallClockInstant('2026-03-29', 7, 0).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(wallClockInstant('2026-10-25', 7, 0).toISOString()).toBe('2026-10-25T07:00:00.000Z');
    expect(wallClockTime(new Date('2026-03-29T06:00:00Z'))).toEqual({ hour: 7, minute: 0 });
  });

  it('should accept only real calendar days when a day is given', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('26-02-01')).toBe(false);
  });

  it('should count Monday to Friday as working days when walking back over a weekend', () => {
    expect(isWorkingDay('2026-11-27')).toBe(true);
    expect(isWorkingDay('2026-11-28')).toBe(false);
    expect(previousWorkingDays('2026-11-30', 3)).toEqual(['2026-11-27', '2026-11-26', '2026-11-25']);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
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
});
