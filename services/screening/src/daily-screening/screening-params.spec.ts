import { Day, FiguresQuery, ScheduleSchema, StartRunSchema } from './screening-params';
import { dayOf } from './london-time';

const issues = (result: { success: boolean; error?: { issues: { message: string }[] } }): string[] =>
  result.success ? [] : result.error!.issues.map((i) => i.message);

describe('screening request parameters', () => {
  it('should refuse a day after today and a day before 2000 when a run is asked for', () => {
    expect(issues(StartRunSchema.safeParse({ day: '2999-12-31' }))).toEqual([
      expect.stringMatching(/^must not be after today \(\d{4}-\d{2}-\d{2}, Europe\/London\)$/),
    ]);
    expect(issues(StartRunSchema.safeParse({ day: '0000-01-01' }))).toEqual(['must be 2000-01-01 or later']);
    expect(StartRunSchema.safeParse({ day: dayOf(new Date()) }).success).toBe(true);
    expect(Day.safeParse('2000-01-01').success).toBe(true);
  });

  it('should refuse months before 2000-01, after this month, or in the wrong order when figures are asked for', () => {
    expect(issues(FiguresQuery.safeParse({ from: '0000-01', to: '2026-01' }))).toEqual(['must be 2000-01 or later']);
    expect(issues(FiguresQuery.safeParse({ from: '2026-01', to: '2999-12' }))).toEqual([
      expect.stringMatching(/^must not be after this month/),
    ]);
    expect(issues(FiguresQuery.safeParse({ from: '2026-02', to: '2026-01' }))).toEqual(['from must not be after to']);
    expect(FiguresQuery.safeParse({ from: '2026-01', to: '2026-01' }).success).toBe(true);
  });

  it('should accept IANA zones and UTC and refuse any other name when the Schedule is changed', () => {
    expect(ScheduleSchema.parse({ timeZone: 'Europe/London' }).timeZone).toBe('Europe/London');
    expect(ScheduleSchema.parse({ timeZone: 'UTC' }).timeZone).toBe('UTC');
    expect(ScheduleSchema.parse({}).timeZone).toBe('Europe/London');
    expect(issues(ScheduleSchema.safeParse({ timeZone: 'Mars/Olympus_Mons' }))).toEqual([
      'must be an IANA time zone such as Europe/London, or UTC',
    ]);
  });
});
