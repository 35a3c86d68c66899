import { Body, Controller, Delete, Get, NotFoundException, Param, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, RequireAgency, RequireRole, type AuthenticatedUser } from '@easi/auth';
import { ZodValidationPipe } from '@easi/service-kit';
import { ScreeningScheduleService } from '../daily-screening/screening-schedule.service';
import { BankHolidayService, type BankHolidayView } from './bank-holiday.service';

const Day = z.iso.date({ message: 'must be a day YYYY-MM-DD' });
const ListQuerySchema = z
  .object({
    from: Day.optional(),
    to: Day.optional(),
    withdrawn: z.enum(['include', 'exclude'], { message: 'withdrawn: include or exclude' }).optional(),
  })
  .strict();
type ListQueryParams = z.infer<typeof ListQuerySchema>;
const HolidaySchema = z.object({ name: z.string().trim().min(3, 'name: say which holiday, e.g. Spring bank holiday').max(200) }).strict();
type HolidayBody = z.infer<typeof HolidaySchema>;

@ApiTags('bank holidays')
@Controller('bank-holidays')
@RequireAgency('police')
export class BankHolidayController {
  constructor(
    private readonly holidays: BankHolidayService,
    private readonly schedule: ScreeningScheduleService,
  ) {}

  @Get()
  @RequireRole('investigator', 'supervisor', 'tactical-lead', 'operator')
  @ApiOperation({
    summary:
      'England and Wales bank holidays the daily screening does not run on (optionally from/to YYYY-MM-DD; withdrawn=include lists withdrawn days too, observed false)',
  })
  list(@Query(new ZodValidationPipe(ListQuerySchema, 'query')) query: ListQueryParams): Promise<BankHolidayView[]> {
    return this.holidays.list(query.from, query.to, query.withdrawn === 'include');
  }

  @Put(':day')
  @RequireRole('supervisor', 'tactical-lead')
  @ApiOperation({ summary: 'Add or rename a bank holiday; the screening-daily Schedule skips it and catch-up does not count it as missed' })
  @ApiBody({ schema: z.toJSONSchema(HolidaySchema, { io: 'input' }) as Record<string, unknown> })
  async set(
    @Param('day', new ZodValidationPipe(Day, 'day')) day: string,
    @Body(new ZodValidationPipe(HolidaySchema, 'bank holiday')) body: HolidayBody,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<BankHolidayView> {
    const saved = await this.holidays.set(day, body.name, user.subject);
    await this.schedule.syncBankHolidays();
    return saved;
  }

  @Delete(':day')
  @RequireRole('supervisor', 'tactical-lead')
  @ApiOperation({ summary: 'Withdraw a bank holiday (kept as not observed): the daily screening runs on that day again' })
  async withdraw(
    @Param('day', new ZodValidationPipe(Day, 'day')) day: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<BankHolidayView> {
    const withdrawn = await this.holidays.withdraw(day, user.subject);
    if (!withdrawn) throw new NotFoundException(`${day} is not a bank holiday`);
    await this.schedule.syncBankHolidays();
    return withdrawn;
  }
}
