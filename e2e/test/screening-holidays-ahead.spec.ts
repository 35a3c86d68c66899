import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import type { Client } from '@temporalio/client';
import { DAILY_SCREENING_SCHEDULE_ID } from '@easi/contracts';
import { waitFor } from '@easi/testing';
import { Platform, http, platformTemporalClient, tokenFor } from '../src';

// Its own port (EASI_E2E_PORT_BASE + 21), so it runs beside the other suites.
const SCREENING_PORT = Number(process.env.EASI_E2E_PORT_BASE ?? 4100) + 21;
const platform = new Platform(join(__dirname, '..', '..', '.easi', 'logs', 'e2e-holidays-ahead'), { screening: SCREENING_PORT });
const screening = (path: string): string => `${platform.url('screening')}${path}`;

type Holiday = { day: string; name: string; source: string; updatedBy: string };
type Schedule = { bankHolidaysSkipped: string[] };

/** The last Monday of August, worked out here independently of the service's rule. */
const summerBankHoliday = (year: number): string => {
  const last = new Date(Date.UTC(year, 7, 31));
  return new Date(last.getTime() - ((last.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
};

const londonYear = (): number =>
  Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric' }).format(new Date()));

let temporal: Client;
let pg: PgClient;

beforeAll(async () => {
  temporal = await platformTemporalClient();
  pg = new PgClient({ connectionString: process.env.DATABASE_URL ?? 'postgres://easi:easi@127.0.0.1:5432/easi' });
  await pg.connect();
});

afterAll(async () => {
  await platform.stopAll();
  await pg.end();
  await temporal.connection.close();
});

describe('bank holidays known years ahead', () => {
  it('should fill the computed regular holidays two years ahead at boot and have the Schedule skip them', async () => {
    const year = londonYear() + 2;
    const day = summerBankHoliday(year);
    // As if the horizon had never reached that day: only a computed row is removed, a supervisor's decision never.
    await pg.query(`DELETE FROM screening.bank_holiday WHERE "day" = $1 AND source = 'computed'`, [day]);
    const decided = await pg.query<{ source: string }>(`SELECT source FROM screening.bank_holiday WHERE "day" = $1`, [day]);
    expect(decided.rows).toEqual([]);

    await platform.start('screening');
    const investigator = await tokenFor('police', 'investigator');
    const supervisor = await tokenFor('police', 'supervisor');

    const listed = await http<Holiday[]>('GET', screening(`/bank-holidays?from=${year}-01-01&to=${year}-12-31`), { token: investigator });
    expect(listed.status).toBe(200);
    expect(listed.body.find((h) => h.day === day)).toMatchObject({
      day,
      name: 'Summer bank holiday',
      source: 'computed',
      updatedBy: 'computed',
    });
    const computed = listed.body.filter((h) => h.source === 'computed').map((h) => h.day);

    // The Schedule is ensured in the background after boot: wait until its skip list carries the day.
    const skipped = await waitFor('the Schedule to skip the computed holiday', async () => {
      const s = await http<Schedule>('GET', screening('/screening/schedule'), { token: supervisor });
      return s.status === 200 && s.body.bankHolidaysSkipped.includes(day) ? s.body.bankHolidaysSkipped : undefined;
    });
    expect(skipped).toEqual(expect.arrayContaining(computed));
    const spec = (await temporal.schedule.getHandle(DAILY_SCREENING_SCHEDULE_ID).describe()).spec;
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    expect(
      spec.skip?.some(
        (c) => c.year[0]?.start === y && c.month[0]?.start === 'AUGUST' && m === 8 && c.dayOfMonth[0]?.start === d && c.hour[0]?.end === 23,
      ),
    ).toBe(true);
  });
});
