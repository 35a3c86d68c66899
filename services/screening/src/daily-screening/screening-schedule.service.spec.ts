import { DAILY_SCREENING_SCHEDULE_ID, DAILY_SCREENING_WORKFLOW_TYPE, TASK_QUEUES } from '@easi/contracts';
import { DEFAULT_SCHEDULE, scheduleOptions } from './screening-schedule.service';

describe('scheduleOptions', () => {
  it('should run the daily screening on working days at 07:00 Europe/London and catch up missed runs in order by default', () => {
    const options = scheduleOptions(DEFAULT_SCHEDULE);
    expect(options.scheduleId).toBe(DAILY_SCREENING_SCHEDULE_ID);
    expect(options.spec).toEqual({
      calendars: [{ dayOfWeek: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'], hour: 7, minute: 0 }],
      skip: [],
      timezone: 'Europe/London',
    });
    expect(options.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: DAILY_SCREENING_WORKFLOW_TYPE,
      taskQueue: TASK_QUEUES.journeys,
    });
    expect(options.policies).toEqual({ overlap: 'BUFFER_ALL', catchupWindow: '7 days', pauseOnFailure: false });
  });

  it("should carry a force's own time, days, zone and pause when configured", () => {
    const options = scheduleOptions({
      ...DEFAULT_SCHEDULE,
      hour: 6,
      minute: 30,
      weekdays: ['MONDAY', 'WEDNESDAY'],
      timeZone: 'Europe/Dublin',
      paused: true,
    });
    expect(options.spec).toEqual({
      calendars: [{ dayOfWeek: ['MONDAY', 'WEDNESDAY'], hour: 6, minute: 30 }],
      skip: [],
      timezone: 'Europe/Dublin',
    });
    expect(options.state).toMatchObject({ paused: true });
  });

  it('should skip each bank holiday for the whole day when bank holidays are given', () => {
    const options = scheduleOptions(DEFAULT_SCHEDULE, ['2026-12-25', '2026-12-28']);
    expect(options.spec.skip).toEqual([
      { year: 2026, month: 'DECEMBER', dayOfMonth: 25, hour: '*', minute: '*', second: '*', comment: 'bank holiday 2026-12-25' },
      { year: 2026, month: 'DECEMBER', dayOfMonth: 28, hour: '*', minute: '*', second: '*', comment: 'bank holiday 2026-12-28' },
    ]);
  });
});
