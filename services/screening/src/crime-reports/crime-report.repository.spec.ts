import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { databaseEnv, loadConfig } from '@easi/config';
import { CrimeReportV1, type CrimeReportV1Input } from '@easi/contracts';
import { MESSAGING_ENTITIES } from '@easi/messaging';
import { createDataSource, runMigrations } from '@easi/persistence';
import { waitFor } from '@easi/testing';
import { Initial1764100000000 } from '../migrations/1764100000000-initial';
import { CrimeScreening1764200000000 } from '../migrations/1764200000000-crime-screening';
import { LeanIngestIndexes1764400000000 } from '../migrations/1764400000000-lean-ingest-indexes';
import { RefCollationC1764660000000 } from '../migrations/1764660000000-ref-collation-c';
import { CrimeReportRepository } from './crime-report.repository';

jest.setTimeout(60_000);

const { DATABASE_URL } = loadConfig(databaseEnv);

const report = (ref: string, overrides: Partial<CrimeReportV1Input> = {}): CrimeReportV1 =>
  CrimeReportV1.parse({
    schemaVersion: 1,
    reportRef: ref,
    version: 1,
    changeType: 'recorded',
    policeArea: 'WMP',
    recordedOffence: { family: 'harassment' },
    suspects: [{ personRef: 'SUS-1' }],
    victimRefs: ['VIC-1'],
    relationshipToVictim: 'former-partner',
    narrative: 'He waited outside her work.',
    occurredAt: '2026-03-02T09:00:00Z',
    recordedAt: '2026-03-02T10:00:00+01:00',
    ...overrides,
  });

describe('CrimeReportRepository (real Postgres)', () => {
  const schema = `crime_reports_${randomBytes(4).toString('hex')}`;
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

  it('should compare refs byte by byte (collation C) in the ingest tables and their indexes, and undo that when migrated down', async () => {
    const collations = async (): Promise<string[]> =>
      (
        (await dataSource.query(
          `SELECT table_name || '.' || column_name || '=' || coalesce(collation_name, 'default') AS c FROM information_schema.columns
           WHERE table_schema = $1 AND ((table_name = 'crime_report_version' AND column_name = 'report_ref') OR (table_name = 'crime_report_party' AND column_name IN ('report_ref', 'suspect_ref', 'victim_ref')))
           ORDER BY 1`,
          [schema],
        )) as { c: string }[]
      ).map((r) => r.c);
    expect(await collations()).toEqual([
      'crime_report_party.report_ref=C',
      'crime_report_party.suspect_ref=C',
      'crime_report_party.victim_ref=C',
      'crime_report_version.report_ref=C',
    ]);
    await dataSource.undoLastMigration();
    expect(await collations()).toEqual([
      'crime_report_party.report_ref=default',
      'crime_report_party.suspect_ref=default',
      'crime_report_party.victim_ref=default',
      'crime_report_version.report_ref=default',
    ]);
    await runMigrations(dataSource);
    expect(await collations()).toHaveLength(4);
    expect((await collations()).every((c) => c.endsWith('=C'))).toBe(true);
  });

  const parties = async (ref: string): Promise<{ suspect_ref: string; victim_ref: string }[]> =>
    dataSource.query(`SELECT suspect_ref, victim_ref FROM crime_report_party WHERE report_ref = $1 ORDER BY suspect_ref, victim_ref`, [
      ref,
    ]);

  it('should store every field exactly when the text holds tabs, new lines, backslashes and quotes', async () => {
    const narrative = 'Line one\twith a tab\nline two \\ a backslash, "quotes", {braces} and \r a return, £ and ’';
    const stored = await repository.insertVersions(
      [
        report('CR-ESC-1', {
          narrative,
          linkedReportRefs: ['CR-A.1', 'CR-B:2'],
          recordedOffence: { family: 'harassment', homeOfficeCode: '8Q', legislation: 'PHA 1997 s2' },
        }),
      ],
      'kafka',
    );
    expect(stored).toEqual([{ reportRef: 'CR-ESC-1', version: 1 }]);
    const [row] = await repository.versionsOf('CR-ESC-1');
    expect(row).toMatchObject({
      narrative,
      linkedReportRefs: ['CR-A.1', 'CR-B:2'],
      homeOfficeCode: '8Q',
      legislation: 'PHA 1997 s2',
      suspects: [{ personRef: 'SUS-1' }],
      victimRefs: ['VIC-1'],
      receivedVia: 'kafka',
    });
    expect(new Date(row!.recordedAt).toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(await parties('CR-ESC-1')).toEqual([{ suspect_ref: 'SUS-1', victim_ref: 'VIC-1' }]);
  });

  it('should store a version once and a newer version beside it when both arrive again and again', async () => {
    const first = report('CR-VER-1');
    const amended = report('CR-VER-1', { version: 2, changeType: 'reclassified', recordedOffence: { family: 'stalking' } });
    expect(await repository.insertVersions([first, first], 'kafka')).toEqual([{ reportRef: 'CR-VER-1', version: 1 }]);
    expect(await repository.insertVersions([first, amended], 'http')).toEqual([{ reportRef: 'CR-VER-1', version: 2 }]);
    expect(await repository.insertVersions([amended], 'kafka')).toEqual([]);
    expect((await repository.versionsOf('CR-VER-1')).map((v) => [v.version, v.recordedFamily, v.receivedVia])).toEqual([
      [2, 'stalking', 'http'],
      [1, 'harassment', 'kafka'],
    ]);
    // One party row per version, though the first version arrived twice in one batch.
    expect(await parties('CR-VER-1')).toHaveLength(2);
  });

  it('should link every suspect to every victim, and suspects alone when there is no victim', async () => {
    await repository.insertVersions(
      [
        report('CR-PAR-1', { suspects: [{ personRef: 'SUS-2' }, { personRef: 'SUS-3' }], victimRefs: ['VIC-2', 'VIC-3'] }),
        report('CR-PAR-2', { suspects: [{ personRef: 'SUS-4' }], victimRefs: [] }),
      ],
      'kafka',
    );
    expect(await parties('CR-PAR-1')).toHaveLength(4);
    expect(await parties('CR-PAR-2')).toEqual([{ suspect_ref: 'SUS-4', victim_ref: '' }]);
  });

  it('should store a version once when two writers race to store it', async () => {
    const contested = [report('CR-RACE-1'), report('CR-RACE-2')];
    let releaseFirst: () => void = () => undefined;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstWrote: (pid: number) => void = () => undefined;
    const firstBackend = new Promise<number>((resolve) => (firstWrote = resolve));
    let firstStored: unknown;
    const first = dataSource.transaction(async (m) => {
      firstStored = await repository.insertVersions(contested, 'kafka', m);
      const [{ pid }] = (await m.query('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
      firstWrote(pid);
      await firstHolds;
    });
    // The first writer has stored the versions and not committed...
    const firstPid = await Promise.race([firstBackend, first.then(() => undefined)]);
    expect(firstPid).toEqual(expect.any(Number));
    // ...when the second checks, finds nothing committed, and COPYs the same keys: it waits on the first's rows.
    let secondSettled = false;
    const second = dataSource.transaction((m) => repository.insertVersions([report('CR-RACE-0'), ...contested], 'kafka', m));
    second.then(
      () => (secondSettled = true),
      () => (secondSettled = true),
    );
    await waitFor(
      'the second writer to wait on the first',
      async () => {
        if (secondSettled) return true;
        const [{ blocked }] = (await dataSource.query(
          'SELECT count(*)::int AS blocked FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
          [firstPid],
        )) as [{ blocked: number }];
        return blocked > 0 ? true : undefined;
      },
      20_000,
      20,
    );
    expect(secondSettled).toBe(false);
    releaseFirst();
    await first;
    expect(await second).toEqual([{ reportRef: 'CR-RACE-0', version: 1 }]);
    expect(firstStored).toHaveLength(2);
    const [{ count }] = (await dataSource.query(
      `SELECT count(*)::int AS count FROM crime_report_version WHERE report_ref LIKE 'CR-RACE-%'`,
    )) as [{ count: number }];
    expect(count).toBe(3);
    expect(await parties('CR-RACE-1')).toHaveLength(1);
  });
});
