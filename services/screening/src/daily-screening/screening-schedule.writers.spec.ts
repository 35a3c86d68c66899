import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { databaseEnv, loadConfig } from '@easi/config';
import { createDataSource, runMigrations } from '@easi/persistence';
import { waitFor } from '@easi/testing';
import { BankHolidayRepository } from '../bank-holidays/bank-holiday.repository';
import { BankHolidayService } from '../bank-holidays/bank-holiday.service';
import { BankHolidays1764620000000 } from '../migrations/1764620000000-bank-holidays';
import { BankHolidaySource1764640000000 } from '../migrations/1764640000000-bank-holiday-source';
import type { NonWorkingDays } from './working-days';
import { DEFAULT_SCHEDULE, ScreeningScheduleService } from './screening-schedule.service';

jest.setTimeout(60_000);

const { DATABASE_URL } = loadConfig(databaseEnv);

/** Reads the bank holidays like the real service, then waits for the test before answering: a writer caught mid-rewrite. */
class HeldBankHolidayService extends BankHolidayService {
  private release!: () => void;
  readonly released = new Promise<void>((resolve) => {
    this.release = resolve;
  });
  readonly reading: Promise<void>;
  private markRead!: () => void;

  constructor(repository: BankHolidayRepository) {
    super(repository);
    this.reading = new Promise<void>((resolve) => {
      this.markRead = resolve;
    });
  }

  override async nonWorkingDays(from?: string, to?: string): Promise<NonWorkingDays> {
    const days = await super.nonWorkingDays(from, to);
    this.markRead();
    await this.released;
    return days;
  }

  letGo(): void {
    this.release();
  }
}

const settled = <T>(promise: Promise<T>): { done: () => boolean } => {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  return { done: () => done };
};

describe('ScreeningScheduleService writers (real Postgres and Temporal)', () => {
  const schema = `schedule_writers_${randomBytes(4).toString('hex')}`;
  const scheduleId = `screening-daily-test-${randomBytes(4).toString('hex')}`;
  // Each instance's connections carry its own name, so the test can see which one waits on which.
  const firstName = `${schema}-first`;
  const secondName = `${schema}-second`;
  const open = (applicationName: string): Promise<DataSource> =>
    createDataSource({
      url: DATABASE_URL,
      schema,
      entities: [],
      migrations: [BankHolidays1764620000000, BankHolidaySource1764640000000],
      poolSize: 4,
      applicationName,
    }).initialize();
  let first: DataSource;
  let second: DataSource;
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    first = await open(firstName);
    await runMigrations(first);
    second = await open(secondName);
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
    client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'easi' });
  });

  afterAll(async () => {
    await client?.schedule
      .getHandle(scheduleId)
      .delete()
      .catch(() => undefined);
    await connection?.close();
    await first?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await Promise.all([first?.destroy(), second?.destroy()]);
  });

  it("should keep a supervisor's new bank holiday and settings change when another instance is rewriting the skip list at the same moment", async () => {
    // Two service instances on their own connections; the Schedule is this test's own and paused.
    const heldHolidays = new HeldBankHolidayService(new BankHolidayRepository(first));
    const slow = new ScreeningScheduleService(client, heldHolidays, first, scheduleId);
    const otherHolidays = new BankHolidayService(new BankHolidayRepository(second));
    const other = new ScreeningScheduleService(client, otherHolidays, second, scheduleId);
    expect(await other.ensureSchedule({ ...DEFAULT_SCHEDULE, paused: true })).toBe(true);

    // The first instance's daily rewrite has read the bank holidays and not yet written the Schedule...
    const rewrite = slow.syncBankHolidays();
    await heldHolidays.reading;
    // ...when a supervisor adds a proclaimed holiday and changes the time through the other instance.
    const proclaimed = `${new Date().getUTCFullYear() + 1}-06-07`;
    await otherHolidays.set(proclaimed, 'Proclaimed one-off', 'police:sup-1');
    const holidaySync = other.syncBankHolidays();
    const settingsChange = other.update({ ...DEFAULT_SCHEDULE, hour: 9, minute: 15, paused: true });
    const holidaySyncState = settled(holidaySync);
    const settingsState = settled(settingsChange);

    // The other instance's writes wait for the rewrite in hand instead of racing it: both queue on its advisory lock.
    const waitingOnFirst = async (): Promise<number> => {
      const [{ waiting }] = (await first.query(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity w
          WHERE w.application_name = $1 AND w.wait_event_type = 'Lock' AND w.wait_event = 'advisory'
            AND EXISTS (SELECT 1 FROM pg_stat_activity h WHERE h.pid = ANY(pg_blocking_pids(w.pid)) AND h.application_name = $2)`,
        [secondName, firstName],
      )) as [{ waiting: number }];
      return waiting;
    };
    await waitFor(
      'both writes of the other instance to wait on the rewrite in hand',
      async () => (holidaySyncState.done() || settingsState.done() || (await waitingOnFirst()) === 2 ? true : undefined),
      20_000,
      20,
    );
    expect(holidaySyncState.done()).toBe(false);
    expect(settingsState.done()).toBe(false);

    heldHolidays.letGo();
    await Promise.all([rewrite, holidaySync, settingsChange]);

    const described = await other.describe();
    expect(described).toMatchObject({ hour: 9, minute: 15, paused: true });
    expect(described.bankHolidaysSkipped).toContain(proclaimed);
  });
});
