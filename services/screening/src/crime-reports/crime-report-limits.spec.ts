import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { databaseEnv, loadConfig } from '@easi/config';
import { CrimeReportV1, PG_INTEGER_MAX, type CrimeReportV1Input } from '@easi/contracts';
import { MESSAGING_ENTITIES, classifyDatabaseError, databaseErrorOf } from '@easi/messaging';
import { createDataSource, runMigrations } from '@easi/persistence';
import { Initial1764100000000 } from '../migrations/1764100000000-initial';
import { CrimeScreening1764200000000 } from '../migrations/1764200000000-crime-screening';
import { LeanIngestIndexes1764400000000 } from '../migrations/1764400000000-lean-ingest-indexes';
import { RefCollationC1764660000000 } from '../migrations/1764660000000-ref-collation-c';
import { CrimeReportRepository } from './crime-report.repository';

jest.setTimeout(60_000);

const { DATABASE_URL } = loadConfig(databaseEnv);

const input = (ref: string, overrides: Partial<CrimeReportV1Input> = {}): CrimeReportV1Input => ({
  schemaVersion: 1,
  reportRef: ref,
  version: 1,
  changeType: 'recorded',
  policeArea: 'WMP',
  recordedOffence: { family: 'harassment', legislation: 'PHA 1997 s2' },
  suspects: [{ personRef: 'SUS-1' }],
  victimRefs: ['VIC-1'],
  relationshipToVictim: 'former-partner',
  narrative: 'He waited outside her work.',
  occurredAt: '2026-03-02T09:00:00Z',
  recordedAt: '2026-03-02T10:00:00Z',
  ...overrides,
});

/** What a sender could put in a report if the schema did not stop it: each one the schema now refuses. */
const UNSTORABLE: [string, Partial<CrimeReportV1Input>, string][] = [
  ['a NUL in the narrative', { narrative: 'a\u0000b' }, 'narrative'],
  ['a NUL in the legislation', { recordedOffence: { family: 'harassment', legislation: 'PHA\u0000' } }, 'recordedOffence.legislation'],
  ['a version above the integer range', { version: PG_INTEGER_MAX + 1 }, 'version'],
  ['year 0000', { occurredAt: '0000-01-01T00:00:00Z' }, 'occurredAt'],
  ['an offset beyond 15:59', { recordedAt: '2026-03-02T10:00:00+16:00' }, 'recordedAt'],
];

/** The edges the schema still accepts: each must be stored. */
const EDGES: [string, Partial<CrimeReportV1Input>][] = [
  ['the largest integer version', { version: PG_INTEGER_MAX }],
  ['year 0001 and an offset of +15:59', { occurredAt: '0001-01-01T00:00:00Z', recordedAt: '2026-03-02T10:00:00+15:59' }],
  ['year 9999 with nanoseconds', { occurredAt: '9999-12-31T23:59:59.999999999Z' }],
  ['emoji, accents and the longest narrative', { narrative: `🙂 é ${'x'.repeat(19_990)}` }],
];

describe('crime report values at the limits of what Postgres stores (real Postgres)', () => {
  const schema = `crime_limits_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;
  let repository: CrimeReportRepository;

  beforeAll(async () => {
    dataSource = await createDataSource({
      url: DATABASE_URL,
      schema,
      entities: MESSAGING_ENTITIES,
      migrations: [Initial1764100000000, CrimeScreening1764200000000, LeanIngestIndexes1764400000000, RefCollationC1764660000000],
      poolSize: 4,
    }).initialize();
    await runMigrations(dataSource);
    repository = new CrimeReportRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await dataSource.destroy();
  });

  it.each(UNSTORABLE)(
    'should be refused by the schema and, unchecked, by Postgres as permanent data when a report has %s',
    async (_what, overrides, field) => {
      const raw = input(`LIM-${randomBytes(3).toString('hex')}`, overrides);
      const parsed = CrimeReportV1.safeParse(raw);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual([field]);

      // Straight to the repository, as if the schema had let it through: the COPY path refuses it.
      const unchecked = { ...CrimeReportV1.parse(input(raw.reportRef)), ...overrides } as CrimeReportV1;
      const refusal = await repository.insertVersions([unchecked], 'kafka').then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(databaseErrorOf(refusal)?.code).toMatch(/^22/);
      expect(classifyDatabaseError(refusal)).toBe('permanent');
      expect(await dataSource.query(`SELECT 1 FROM crime_report_version WHERE report_ref = $1`, [raw.reportRef])).toEqual([]);
    },
  );

  it.each(EDGES)('should store %s through COPY and through the conflict-safe statement', async (_what, overrides) => {
    const ref = `EDGE-${randomBytes(3).toString('hex')}`;
    const first = CrimeReportV1.parse(input(ref, overrides));
    expect(await repository.insertVersions([first], 'http')).toEqual([{ reportRef: ref, version: first.version }]);
    // A batch with a stored version makes COPY refuse it; the conflict-safe statement stores the new one.
    const second = CrimeReportV1.parse(input(`${ref}-B`, overrides));
    expect(await repository.insertVersions([first, second], 'kafka')).toEqual([{ reportRef: `${ref}-B`, version: second.version }]);
    const rows = (await dataSource.query(
      `SELECT version, narrative FROM crime_report_version WHERE report_ref IN ($1, $2) ORDER BY report_ref`,
      [ref, `${ref}-B`],
    )) as {
      version: number;
      narrative: string;
    }[];
    expect(rows).toEqual([
      { version: first.version, narrative: first.narrative },
      { version: second.version, narrative: second.narrative },
    ]);
  });
});
