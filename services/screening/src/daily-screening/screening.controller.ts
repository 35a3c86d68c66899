import { Body, Controller, Get, Header, HttpCode, NotFoundException, Param, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, RequireAgency, RequireRole, type AuthenticatedUser } from '@easi/auth';
import { ZodValidationPipe } from '@easi/service-kit';
import { AuditService } from '../audit/audit.service';
import type { MonthFigure } from '../review-tasks/review-task.repository';
import { ReviewTaskService } from '../review-tasks/review-task.service';
import { toCsv } from './csv-export';
import { peopleOnHits, type HitRow, type ScreeningRunRow } from './screening-run.repository';
import {
  Day,
  FiguresQuery,
  ListQuery,
  ScheduleSchema,
  StartRunSchema,
  type FiguresQueryParams,
  type ListQueryParams,
  type ScheduleBody,
  type StartRunBody,
} from './screening-params';
import { ScreeningScheduleService, type ScreeningScheduleSettings } from './screening-schedule.service';
import { ScreeningListService, type ScreeningDayView, type StartedRun } from './screening-list.service';

@ApiTags('daily screening')
@Controller('screening')
@RequireAgency('police')
export class ScreeningController {
  constructor(
    private readonly list: ScreeningListService,
    private readonly schedule: ScreeningScheduleService,
    private readonly reviews: ReviewTaskService,
    private readonly audit: AuditService,
  ) {}

  @Get('runs')
  @RequireRole('investigator', 'supervisor', 'tactical-lead', 'operator')
  @ApiOperation({ summary: 'Recent daily runs with their counts' })
  runs(): Promise<ScreeningRunRow[]> {
    return this.list.runs();
  }

  @Get('runs/:day')
  @RequireRole('investigator', 'supervisor', 'tactical-lead', 'operator')
  @ApiOperation({ summary: "A day's run: status and progress counts (reports to screen, screened, hits), live while it runs" })
  async run(@Param('day', new ZodValidationPipe(Day, 'day')) day: string): Promise<ScreeningRunRow> {
    const run = await this.list.run(day);
    if (!run) throw new NotFoundException(`no screening run for ${day}`);
    return run;
  }

  @Post('runs')
  @HttpCode(202)
  @RequireRole('supervisor', 'operator')
  @ApiOperation({ summary: 'Screen one day now (again if already done: nothing already on its list is added twice)' })
  @ApiBody({ schema: z.toJSONSchema(StartRunSchema, { io: 'input' }) as Record<string, unknown> })
  start(@Body(new ZodValidationPipe(StartRunSchema, 'run')) body: StartRunBody): Promise<StartedRun> {
    return this.list.start(body.day, body.chunkSize);
  }

  @Get('lists/:day')
  @RequireRole('investigator', 'supervisor', 'tactical-lead')
  @ApiOperation({
    summary: "The day's screening list as JSON: one row per hit with flags, explanations, linked reports, suggested actions (audited)",
  })
  async listJson(
    @Param('day', new ZodValidationPipe(Day, 'day')) day: string,
    @Query(new ZodValidationPipe(ListQuery, 'query')) query: ListQueryParams,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ScreeningDayView> {
    const view = await this.list.day(day, query.limit, query.offset);
    await this.audit.record(
      user,
      { action: 'read-screening-list', subjectType: 'screening-list', subjectRef: day, personRefs: peopleOnHits(view.items) },
      { purpose: 'daily screening review' },
    );
    return view;
  }

  @Get('lists/:day/export.csv')
  @RequireRole('investigator', 'supervisor', 'tactical-lead')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: "The day's screening list as CSV (cells that a spreadsheet would run as formulas are neutralised; audited)" })
  async listCsv(
    @Param('day', new ZodValidationPipe(Day, 'day')) day: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<StreamableFile> {
    const hits: HitRow[] = (await this.list.day(day, 100_000, 0)).items;
    await this.audit.record(
      user,
      { action: 'export-screening-list-csv', subjectType: 'screening-list', subjectRef: day, personRefs: peopleOnHits(hits) },
      { purpose: 'daily screening export' },
    );
    return new StreamableFile(Buffer.from(toCsv(hits), 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="screening-${day}.csv"`,
    });
  }

  @Get('figures/misclassified')
  @RequireRole('investigator', 'supervisor', 'tactical-lead')
  @ApiOperation({
    summary: 'Misclassified stalking reports per month: reports flagged by screening, confirmed and rejected by reviewers',
    description:
      'Counts reports, not versions: `flagged` is the number of distinct crime reports first flagged as possibly misclassified in that month (an amended version flagged again is not counted again); `confirmed` and `rejected` are the distinct reports whose reclassification review was last decided that way in that month. `from` and `to` are months YYYY-MM from 2000-01 to this month.',
  })
  misclassified(@Query(new ZodValidationPipe(FiguresQuery, 'query')) query: FiguresQueryParams): Promise<MonthFigure[]> {
    return this.reviews.misclassifiedByMonth(`${query.from}-01`, `${query.to}-01`);
  }

  @Get('schedule')
  @RequireRole('supervisor', 'tactical-lead', 'operator')
  @ApiOperation({ summary: 'The screening-daily Schedule: time, days, zone, next and recent runs' })
  describeSchedule(): ReturnType<ScreeningScheduleService['describe']> {
    return this.schedule.describe();
  }

  @Put('schedule')
  @RequireRole('supervisor', 'tactical-lead')
  @ApiOperation({ summary: 'Change when the daily screening runs (or pause it)' })
  @ApiBody({ schema: z.toJSONSchema(ScheduleSchema, { io: 'input' }) as Record<string, unknown> })
  async updateSchedule(
    @Body(new ZodValidationPipe(ScheduleSchema, 'schedule')) body: ScheduleBody,
  ): ReturnType<ScreeningScheduleService['describe']> {
    const settings: ScreeningScheduleSettings = body;
    await this.schedule.update(settings);
    return this.schedule.describe();
  }
}
