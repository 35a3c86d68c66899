import { ScheduleNotFoundError } from '@temporalio/client';
import type { BankHolidayService } from '../bank-holidays/bank-holiday.service';
import type { OffenceFamilyService } from '../offence-families/offence-family.service';
import type { ScreeningRunRepository } from './screening-run.repository';
import { ScreeningRunService } from './screening-run.service';
import { DEFAULT_SCHEDULE, type ScreeningScheduleService, type ScreeningScheduleSettings } from './screening-schedule.service';

const NOW = new Date('2026-11-26T10:00:00Z');

const setup = (settings: Partial<ScreeningScheduleSettings> | 'no-schedule', lastCompleted: string | null = null) => {
  const runs = {
    lastCompletedBefore: jest.fn().mockResolvedValue(lastCompleted),
    completedDays: jest.fn().mockResolvedValue(lastCompleted ? [{ day: lastCompleted }] : []),
  };
  const holidays = { nonWorkingDays: jest.fn().mockResolvedValue(new Set<string>()) };
  const schedule = {
    describe:
      settings === 'no-schedule'
        ? jest.fn().mockRejectedValue(new ScheduleNotFoundError('not found', 'screening-daily'))
        : jest.fn().mockResolvedValue({ ...DEFAULT_SCHEDULE, ...settings }),
  };
  const service = new ScreeningRunService(
    runs as unknown as ScreeningRunRepository,
    {} as OffenceFamilyService,
    holidays as unknown as BankHolidayService,
    schedule as unknown as ScreeningScheduleService,
    () => NOW,
  );
  return { service, runs };
};

describe("ScreeningRunService.planScreeningDays on the Schedule's calendar", () => {
  it('should catch up a missed Saturday and not the Monday when the Schedule runs Tuesday to Saturday', async () => {
    const { service } = setup({ weekdays: ['TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] }, '2026-11-20');
    const plan = await service.planScreeningDays({ scheduledFor: '2026-11-24T07:00:00.000Z', maxCatchUpDays: 10 });
    expect(plan.days).toEqual([
      { day: '2026-11-21', cutoff: '2026-11-21T07:00:00.000Z' },
      { day: '2026-11-24', cutoff: '2026-11-24T07:00:00.000Z' },
    ]);
  });

  it("should take the day and the cutoffs on the Schedule's own zone when it is not Europe/London", async () => {
    // 07:00 on Tuesday 24 November in Auckland (NZDT, UTC+13) is 18:00 on Monday 23rd in London.
    const { service, runs } = setup({ timeZone: 'Pacific/Auckland' }, '2026-11-20');
    const plan = await service.planScreeningDays({ scheduledFor: '2026-11-23T18:00:00.000Z', maxCatchUpDays: 10 });
    expect(runs.lastCompletedBefore).toHaveBeenCalledWith('2026-11-24');
    expect(plan.days).toEqual([
      { day: '2026-11-23', cutoff: '2026-11-22T18:00:00.000Z' },
      { day: '2026-11-24', cutoff: '2026-11-23T18:00:00.000Z' },
    ]);
  });

  it("should cut a day given by hand at the Schedule's time in its zone", async () => {
    const { service } = setup({ hour: 6, minute: 30, timeZone: 'America/New_York' });
    expect((await service.planScreeningDays({ day: '2026-11-20', maxCatchUpDays: 10 })).days).toEqual([
      { day: '2026-11-20', cutoff: '2026-11-20T11:30:00.000Z' },
    ]);
  });

  it('should use Monday to Friday at 07:00 Europe/London when there is no Schedule', async () => {
    const { service } = setup('no-schedule', '2026-11-20');
    const plan = await service.planScreeningDays({ scheduledFor: '2026-11-24T07:00:00.000Z', maxCatchUpDays: 10 });
    expect(plan.days.map((d) => d.day)).toEqual(['2026-11-23', '2026-11-24']);
  });
});

describe('ScreeningRunService.planScreeningDays refusing days', () => {
  it.each([
    ['0000-01-01', /1900-01-01 or later/],
    ['1899-12-31', /1900-01-01 or later/],
    ['2026-11-27', /not be after today \(2026-11-26\)/],
    ['2999-12-31', /not be after today/],
    ['2026-02-30', /YYYY-MM-DD/],
  ])('should refuse %s for good when the day is not one a run may screen', async (day, message) => {
    const { service } = setup({});
    await expect(service.planScreeningDays({ day, maxCatchUpDays: 10 })).rejects.toMatchObject({
      type: 'BusinessRefusal',
      nonRetryable: true,
      message: expect.stringMatching(message),
    });
  });

  it("should accept today and the bench's earliest synthetic day when a day is given by hand", async () => {
    const { service } = setup({});
    expect((await service.planScreeningDays({ day: '2026-11-26', maxCatchUpDays: 10 })).days.map((d) => d.day)).toEqual(['2026-11-26']);
    expect((await service.planScreeningDays({ day: '1900-01-01', maxCatchUpDays: 10 })).days.map((d) => d.day)).toEqual(['1900-01-01']);
  });

  it('should refuse a scheduled time far in the future when a run is started with one', async () => {
    const { service } = setup({});
    await expect(service.planScreeningDays({ scheduledFor: '2999-01-01T07:00:00.000Z', maxCatchUpDays: 10 })).rejects.toMatchObject({
      type: 'BusinessRefusal',
      nonRetryable: true,
    });
  });
});
