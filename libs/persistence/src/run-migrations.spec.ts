import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { databaseEnv, loadConfig } from '@easi/config';
import { waitFor } from '@easi/testing';
import { createDataSource, schemaOf } from './create-data-source';
import { databaseHealth } from './database-health';
import { runMigrations } from './run-migrations';

jest.setTimeout(30_000);

const { DATABASE_URL } = loadConfig(databaseEnv);

/** Lets a test hold a runner inside the migration (holding what it holds) until the test has seen what it waits for. */
const inMigration = {
  hold: Promise.resolve(),
  /** The backend of every runner that entered the migration, in order. */
  entered: [] as number[],
};

class CreateWidget1764000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    const [{ pid }] = (await queryRunner.query('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
    inMigration.entered.push(pid);
    await inMigration.hold;
    await queryRunner.query(
      `CREATE TABLE "${schemaOf(queryRunner)}"."widget" (id int PRIMARY KEY, made_at timestamptz NOT NULL DEFAULT now())`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${schemaOf(queryRunner)}"."widget"`);
  }
}

const dataSourceFor = (schema: string, applicationName: string) =>
  createDataSource({ url: DATABASE_URL, schema, entities: [], migrations: [CreateWidget1764000000000], applicationName, poolSize: 1 });

describe('runMigrations (real Postgres)', () => {
  const schema = `persistence_test_${randomBytes(4).toString('hex')}`;
  const admin = createDataSource({ url: DATABASE_URL, schema: 'public', entities: [], migrations: [] });

  beforeAll(async () => {
    await admin.initialize();
  });

  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.destroy();
  });

  it('should create the schema, apply the migration once and nothing the second time when run twice', async () => {
    const dataSource = dataSourceFor(schema, 'persistence-test-a');
    await dataSource.initialize();
    try {
      expect(await runMigrations(dataSource)).toEqual(['CreateWidget1764000000000']);
      expect(await runMigrations(dataSource)).toEqual([]);
      const rows: { table_name: string }[] = await admin.query(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
        [schema],
      );
      expect(rows.map((r) => r.table_name)).toEqual(['migrations', 'widget']);
    } finally {
      await dataSource.destroy();
    }
  });

  it('should apply the migration exactly once when two processes run migrations concurrently', async () => {
    const concurrentSchema = `${schema}_c`;
    const a = dataSourceFor(concurrentSchema, 'persistence-test-a');
    const b = dataSourceFor(concurrentSchema, 'persistence-test-b');
    await Promise.all([a.initialize(), b.initialize()]);
    let letGo: () => void = () => undefined;
    inMigration.hold = new Promise<void>((resolve) => (letGo = resolve));
    inMigration.entered = [];
    try {
      let finished = false;
      const running = Promise.all([runMigrations(a), runMigrations(b)]).finally(() => (finished = true));
      // One runner is inside the migration; the other must be waiting on its lock, not inside too.
      const waitingOn = async (holder: number): Promise<number> => {
        const [{ waiting }]: { waiting: number }[] = await admin.query(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory' AND $1 = ANY(pg_blocking_pids(pid))`,
          [holder],
        );
        return waiting;
      };
      const seen = async (): Promise<boolean> => {
        const [holder, other] = inMigration.entered;
        if (other !== undefined || finished) return true;
        return holder !== undefined && (await waitingOn(holder)) === 1;
      };
      // Polled every 20 ms: the state decides, the pause only spaces the queries.
      await waitFor(
        'one runner inside the migration and the other waiting on its lock',
        async () => ((await seen()) ? true : undefined),
        20_000,
        20,
      );
      // A runner that failed before the other was held says why.
      if (finished) await running;
      expect(inMigration.entered).toHaveLength(1);
      letGo();
      const results = await running;
      expect(results.flat()).toEqual(['CreateWidget1764000000000']);
      const [{ count }]: { count: string }[] = await admin.query(`SELECT count(*) AS count FROM "${concurrentSchema}"."migrations"`);
      expect(Number(count)).toBe(1);
    } finally {
      letGo();
      inMigration.hold = Promise.resolve();
      await Promise.all([a.destroy(), b.destroy()]);
      await admin.query(`DROP SCHEMA IF EXISTS "${concurrentSchema}" CASCADE`);
    }
  });

  it('should use UTC and put the service schema first on the search path when connected', async () => {
    const dataSource = dataSourceFor(schema, 'persistence-test-a');
    await dataSource.initialize();
    try {
      const [settings]: { tz: string; path: string }[] = await dataSource.query(
        "SELECT current_setting('TimeZone') AS tz, current_setting('search_path') AS path",
      );
      expect(settings).toEqual({ tz: 'UTC', path: `${schema},public` });
    } finally {
      await dataSource.destroy();
    }
  });

  it('should report health true when connected and false when destroyed', async () => {
    const dataSource = dataSourceFor(schema, 'persistence-test-a');
    await dataSource.initialize();
    expect(await databaseHealth(dataSource)).toBe(true);
    await dataSource.destroy();
    expect(await databaseHealth(dataSource)).toBe(false);
  });

  it('should report health false when the server cannot be reached', async () => {
    const dataSource = createDataSource({ url: 'postgres://easi:easi@127.0.0.1:1/easi', schema, entities: [], migrations: [] });
    await expect(dataSource.initialize()).rejects.toThrow();
    expect(await databaseHealth(dataSource)).toBe(false);
  });

  it('should refuse a schema name when it is not a plain identifier', () => {
    expect(() => createDataSource({ url: DATABASE_URL, schema: 'x"; DROP', entities: [], migrations: [] })).toThrow(
      /Invalid Postgres schema name/,
    );
  });
});
