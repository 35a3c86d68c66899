import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { databaseEnv, loadConfig } from '@easi/config';
import { createDataSource, runMigrations } from '@easi/persistence';
import { BankHolidays1764620000000 } from '../migrations/1764620000000-bank-holidays';
import { BankHolidaySource1764640000000 } from '../migrations/1764640000000-bank-holiday-source';
import { BankHolidayRepository } from './bank-holiday.repository';
import { BankHolidayService } from './bank-holiday.service';
import { englandAndWalesBankHolidays } from './england-wales-holidays';

jest.setTimeout(60_000);

const { DATABASE_URL } = loadConfig(databaseEnv);

type Row = { day: string; name: string; observed: boolean; source: string; updatedAt: Date; updatedBy: string };

describe('BankHolidayService horizon (real Postgres)', () => {
  const schema = `bank_holidays_${randomBytes(4).toString('hex')}`;
  const open = (migrations: (typeof BankHolidays1764620000000 | typeof BankHolidaySource1764640000000)[]): Promise<DataSource> =>
    createDataSource({ url: DATABASE_URL, schema, entities: [], migrations, poolSize: 4 }).initialize();
  let dataSource: DataSource;
  let second: DataSource;
  let service: BankHolidayService;

  const rows = (from: string, to: string): Promise<Row[]> =>
    dataSource.query(
      `SELECT to_char("day", 'YYYY-MM-DD') AS day, name, observed, source, updated_at AS "updatedAt", updated_by AS "updatedBy" FROM bank_holiday WHERE "day" BETWEEN $1 AND $2 ORDER BY "day"`,
      [from, to],
    );
  const row = async (day: string): Promise<Row | undefined> => (await rows(day, day))[0];

  beforeAll(async () => {
    // The table as the previous release left it: seeded, one day withdrawn and one renamed through the API.
    const before = await open([BankHolidays1764620000000]);
    await runMigrations(before);
    await before.query(
      `UPDATE bank_holiday SET observed = false, updated_by = 'police:sup-1', updated_at = now() WHERE "day" = '2026-12-28'`,
    );
    await before.query(
      `UPDATE bank_holiday SET name = 'Early May (renamed)', updated_by = 'police:sup-2', updated_at = now() WHERE "day" = '2027-05-03'`,
    );
    await before.destroy();

    dataSource = await open([BankHolidays1764620000000, BankHolidaySource1764640000000]);
    expect(await runMigrations(dataSource)).toEqual(['BankHolidaySource1764640000000']);
    second = await open([BankHolidays1764620000000, BankHolidaySource1764640000000]);
    service = new BankHolidayService(new BankHolidayRepository(dataSource));
  });

  afterAll(async () => {
    await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await Promise.all([dataSource.destroy(), second.destroy()]);
  });

  it('should mark untouched seeded rows as seed and rows changed through the API as supervisor when the source column is added', async () => {
    const seeded = await rows('2025-01-01', '2027-12-31');
    expect(seeded).toHaveLength(24);
    expect(seeded.filter((r) => r.source === 'supervisor').map((r) => [r.day, r.name, r.observed])).toEqual([
      ['2026-12-28', 'Boxing Day (substitute day)', false],
      ['2027-05-03', 'Early May (renamed)', true],
    ]);
    expect(seeded.filter((r) => r.source === 'seed')).toHaveLength(22);
  });

  it('should add the missing computed year and leave the seeded years alone when the horizon is filled in late 2026', async () => {
    const seededBefore = await rows('2025-01-01', '2027-12-31');
    const added = await service.ensureHorizon('2026-11-26');
    expect(added).toEqual(englandAndWalesBankHolidays(2028).map((h) => h.day));
    expect(await rows('2025-01-01', '2027-12-31')).toEqual(seededBefore);
    expect((await rows('2028-01-01', '2028-12-31')).map((r) => [r.day, r.name, r.observed, r.source, r.updatedBy])).toEqual(
      englandAndWalesBankHolidays(2028).map((h) => [h.day, h.name, true, 'computed', 'computed']),
    );
    const listed = await service.list('2028-01-01', '2028-12-31');
    expect(listed.map((h) => h.source)).toEqual(Array(8).fill('computed'));
    expect(listed[0]).toMatchObject({
      day: '2028-01-03',
      name: "New Year's Day (substitute day)",
      region: 'england-and-wales',
      updatedBy: 'computed',
    });
  });

  it('should change nothing when the horizon is filled again', async () => {
    const before = await rows('1900-01-01', '2100-12-31');
    expect(await service.ensureHorizon('2026-11-26')).toEqual([]);
    expect(await service.ensureHorizon('2026-01-01')).toEqual([]);
    expect(await rows('1900-01-01', '2100-12-31')).toEqual(before);
  });

  it("should never resurrect a withdrawn day nor overwrite a supervisor's name or proclaimed change when the horizon moves on", async () => {
    // 2028: a computed day withdrawn and the proclaimed replacement entered (as in 2020's VE Day move).
    expect(await service.withdraw('2028-05-01', 'police:sup-1')).toMatchObject({ day: '2028-05-01', source: 'supervisor' });
    await service.set('2028-05-05', 'Early May bank holiday (moved)', 'police:sup-1');
    // 2029, before the horizon reaches it: a regular day withdrawn, another renamed, a one-off added.
    expect(await service.withdraw('2029-05-28', 'police:sup-2')).toMatchObject({
      day: '2029-05-28',
      name: 'Spring bank holiday',
      source: 'supervisor',
    });
    await service.set('2029-12-25', 'Christmas Day (renamed)', 'police:sup-2');
    await service.set('2029-06-04', 'Proclaimed one-off', 'police:sup-2');
    // Seeded days a supervisor withdrew or renamed before this release.
    const seededChanges = [await row('2026-12-28'), await row('2027-05-03')];

    const added = await service.ensureHorizon('2027-01-04');
    expect(added).toEqual(
      englandAndWalesBankHolidays(2029)
        .map((h) => h.day)
        .filter((d) => d !== '2029-05-28' && d !== '2029-12-25'),
    );

    expect(await row('2028-05-01')).toMatchObject({ observed: false, source: 'supervisor', updatedBy: 'police:sup-1' });
    expect(await row('2028-05-05')).toMatchObject({ observed: true, name: 'Early May bank holiday (moved)', source: 'supervisor' });
    expect(await row('2029-05-28')).toMatchObject({ observed: false, source: 'supervisor', updatedBy: 'police:sup-2' });
    expect(await row('2029-12-25')).toMatchObject({ observed: true, name: 'Christmas Day (renamed)', source: 'supervisor' });
    expect(await row('2029-06-04')).toMatchObject({ observed: true, name: 'Proclaimed one-off', source: 'supervisor' });
    expect([await row('2026-12-28'), await row('2027-05-03')]).toEqual(seededChanges);
    expect(await service.ensureHorizon('2027-01-04')).toEqual([]);

    // Withdrawn days are listed only when asked for, marked not observed, with who withdrew them.
    expect((await service.list('2028-05-01', '2028-05-31')).map((h) => h.day)).toEqual(['2028-05-05', '2028-05-29']);
    expect((await service.list('2028-05-01', '2028-05-31', true)).map((h) => [h.day, h.observed, h.updatedBy])).toEqual([
      ['2028-05-01', false, 'police:sup-1'],
      ['2028-05-05', true, 'police:sup-1'],
      ['2028-05-29', true, 'computed'],
    ]);

    const calendar = await service.nonWorkingDays('2028-01-01', '2029-12-31');
    expect(calendar.has('2028-05-01')).toBe(false);
    expect(calendar.has('2028-05-05')).toBe(true);
    expect(calendar.has('2029-05-28')).toBe(false);
    expect(calendar.has('2029-06-04')).toBe(true);
  });

  it('should answer not a bank holiday when withdrawing an ordinary day or a day already withdrawn', async () => {
    expect(await service.withdraw('2031-03-12', 'police:sup-1')).toBeNull();
    expect(await row('2031-03-12')).toBeUndefined();
    expect(await service.withdraw('2028-05-01', 'police:sup-1')).toBeNull();
  });

  it('should add each day once without failing when two instances fill the same new years at once', async () => {
    const other = new BankHolidayService(new BankHolidayRepository(second));
    const [a, b] = await Promise.all([service.ensureHorizon('2040-02-01'), other.ensureHorizon('2040-02-01')]);
    const expected = [2040, 2041, 2042].flatMap((y) => englandAndWalesBankHolidays(y).map((h) => h.day));
    expect([...a, ...b].sort()).toEqual(expected);
    expect((await rows('2040-01-01', '2042-12-31')).map((r) => r.day)).toEqual(expected);
  });
});
