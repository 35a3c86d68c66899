import { addDays, dayOf, isDay, wallClockInstant, wallClockTime } from './london-time';

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

  it('should add days across a year end', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
