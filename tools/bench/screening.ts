/**
 * Screening bench: a national day (18,000 crime reports) through Kafka → validation → rules →
 * Postgres in the real screening service, against the raw kafkajs consume rate of the same
 * messages measured in the same run; then the daily screening run over those reports, timed.
 * A second baseline, the durable floor (parse and COPY the raw JSON into one unindexed table), shows
 * what keeping the messages at all costs on this machine, apart from validating and structuring them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { finished } from 'node:stream/promises';
import { Client as PgClient, Pool as PgPool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { mintDevToken } from '@easi/auth';
import { loadConfig, temporalEnv } from '@easi/config';
import {
  DAILY_SCREENING_WORKFLOW_TYPE,
  RELATIONSHIPS,
  TASK_QUEUES,
  TOPICS,
  type CrimeReportV1Input,
  type DailyScreeningResult,
} from '@easi/contracts';
import { easiDataConverter } from '@easi/temporal';
import { APPS, startApp, stopApp, waitForHealth, waitFor, withPayloadKeys, type RunningApp } from '@easi/testing';
import { round, type BenchContext, type BenchFigures } from './bench-context';

const NATIONAL_DAY = 18_000;
const PORT = 4391;
/** Screened before the timed run to warm the worker: no report is recorded that early. */
const WARM_UP_DAY = '1900-01-01';

type Stats = {
  received: number;
  stored: number;
  firstBatchAt: string | null;
  firstFetchAt: string | null;
  lastCommitAt: string | null;
  running: boolean;
};
type Labelled = { recordedOffence: string; relationship: string; narrative: string; expected: string };
type Family = CrimeReportV1Input['recordedOffence']['family'];

/**
 * A national day's mix of recorded offences (shares in per cent, rounded from the domain brief: stalking
 * and harassment about 9% of recorded crime); the detector reads every one of them.
 */
const FAMILY_MIX: [Family, number][] = [
  ['stalking', 3],
  ['harassment', 4.5],
  ['harassment-fear-of-violence', 0.8],
  ['racially-aggravated-harassment', 0.4],
  ['breach-non-molestation-order', 0.2],
  ['breach-community-resolution', 0.05],
  ['breach-spo', 0.05],
  ['malicious-communications', 5],
  ['criminal-damage', 12],
  ['common-assault', 13],
  ['public-order', 5],
  ['theft', 33],
  ['other', 23],
];

/** Deterministic pseudo-random numbers, so every run screens the same kind of day. */
const prng = (seed: number): (() => number) => {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
};

const LOCAL_DATABASE_URL = 'postgres://easi:easi@127.0.0.1:5432/easi';

/** One connection for `use`, closed after it whatever happens. */
const withDatabase = async <R>(databaseUrl: string | undefined, use: (db: PgClient) => Promise<R>): Promise<R> => {
  const db = new PgClient({ connectionString: databaseUrl ?? LOCAL_DATABASE_URL });
  await db.connect();
  try {
    return await use(db);
  } finally {
    await db.end();
  }
};

/** A Wednesday in a random past week that no run has screened yet, so the bench screens a day of its own. */
const benchDay = async (db: PgClient): Promise<string> => {
  for (;;) {
    const monday = Date.UTC(1970, 0, 5) + Math.floor(Math.random() * 1000) * 7 * 86_400_000;
    const day = new Date(monday + 2 * 86_400_000).toISOString().slice(0, 10);
    const { rowCount } = await db.query('SELECT 1 FROM screening.screening_run WHERE day = $1', [day]);
    if (rowCount === 0) return day;
  }
};

/**
 * Reports an earlier bench stored but never screened (it stopped between the ingest and the run):
 * the timed run would screen them too, since a run takes everything not yet screened. They are the
 * bench's own (BN- refs, recorded decades ago), so they are removed.
 */
const removeUnscreenedLeftovers = async (db: PgClient, runId: string): Promise<number> => {
  const where = `report_ref LIKE 'BN-%' AND report_ref NOT LIKE $1 || '%' AND (report_ref, version) IN (SELECT report_ref, version FROM screening.crime_report_version WHERE report_ref LIKE 'BN-%' AND screening_day IS NULL)`;
  await db.query('BEGIN');
  await db.query(`DELETE FROM screening.crime_report_party WHERE ${where}`, [`BN-${runId}-`]);
  const { rowCount } = await db.query(`DELETE FROM screening.crime_report_version WHERE ${where}`, [`BN-${runId}-`]);
  await db.query('COMMIT');
  return rowCount ?? 0;
};

const nationalDay = (root: string, runId: string, day: string): CrimeReportV1Input[] => {
  const narratives = readFileSync(join(root, 'libs/screening-rules/data/labelled-narratives.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Labelled);
  const random = prng(20_261_125);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const total = FAMILY_MIX.reduce((sum, [, share]) => sum + share, 0);
  const pickFamily = (): Family => {
    let r = random() * total;
    for (const [family, share] of FAMILY_MIX) {
      r -= share;
      if (r <= 0) return family;
    }
    return 'other';
  };
  // Theft and "other" get narratives the team labelled not-stalking; the rest any narrative.
  const ordinary = narratives.filter((n) => n.expected === 'not-stalking');
  // Repeat suspects and pairs, as a force's day has: some people appear in several reports.
  const suspects = Array.from({ length: 12_000 }, (_, i) => `BS-${runId}-${i}`);
  const victims = Array.from({ length: 14_000 }, (_, i) => `BV-${runId}-${i}`);
  return Array.from({ length: NATIONAL_DAY }, (_, i) => {
    const family = pickFamily();
    const sample = family === 'theft' || family === 'other' ? pick(ordinary) : pick(narratives);
    const minute = Math.floor(random() * 600);
    const recordedAt = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000 + (8 * 60 + minute) * 60_000).toISOString();
    return {
      schemaVersion: 1,
      reportRef: `BN-${runId}-${i}`,
      version: 1,
      changeType: 'recorded',
      policeArea: pick(['WMP', 'MPS', 'GMP', 'WYP', 'TVP']),
      recordedOffence: { family },
      suspects: [{ personRef: pick(suspects) }],
      victimRefs: [pick(victims)],
      relationshipToVictim: RELATIONSHIPS.includes(sample.relationship as never)
        ? (sample.relationship as CrimeReportV1Input['relationshipToVictim'])
        : 'unknown',
      narrative: sample.narrative,
      linkedReportRefs: [],
      occurredAt: recordedAt,
      recordedAt,
    };
  });
};

const produce = async (kafka: Kafka, reports: readonly CrimeReportV1Input[]): Promise<number> => {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const t0 = Date.now();
  for (let i = 0; i < reports.length; i += 1000) {
    await producer.send({
      topic: TOPICS.crimeReports,
      acks: -1,
      messages: reports.slice(i, i + 1000).map((r) => ({ key: r.reportRef, value: JSON.stringify(r) })),
    });
  }
  await producer.disconnect();
  return (Date.now() - t0) / 1000;
};

type RawConsume = { perSec: number; parseOnlyPerSec: number };

/**
 * Raw kafkajs: a fresh group reading the same messages (from the offsets they were written at)
 * with JSON.parse only, with the screening consumer's fetch settings. Timed as the screening
 * consumer is: from the fetch request that brought the first message to the last message. (The
 * window from the first message's arrival alone, `parseOnlyPerSec`, is mostly JSON.parse of a
 * fetch already in memory: it leaves out the fetch, a real part of consuming, and is only logged.)
 */
const rawConsume = async (kafka: Kafka, from: { partition: number; offset: string }[], count: number): Promise<RawConsume> => {
  const groupId = `bench-raw-${randomUUID()}`;
  // The group starts from committed offsets, as the screening consumer's does: a seek after joining
  // would make the first fetch a long poll at the end of the topic.
  const admin = kafka.admin();
  await admin.connect();
  await admin.setOffsets({ groupId, topic: TOPICS.crimeReports, partitions: from });
  await admin.disconnect();
  const consumer: Consumer = kafka.consumer({
    groupId,
    maxWaitTimeInMs: 500,
    maxBytesPerPartition: 8 * 1024 * 1024,
    maxBytes: 32 * 1024 * 1024,
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [TOPICS.crimeReports], fromBeginning: false });
  let seen = 0;
  let lastFetchStart = 0;
  let fetchStart = 0;
  let first = 0;
  let last = 0;
  consumer.on(consumer.events.FETCH_START, () => {
    lastFetchStart = Date.now();
  });
  const done = new Promise<void>((resolve) => {
    void consumer.run({
      partitionsConsumedConcurrently: 3,
      eachBatch: async ({ batch }) => {
        if (first === 0) {
          first = Date.now();
          fetchStart = lastFetchStart || first;
        }
        for (const message of batch.messages) {
          if (message.value) JSON.parse(message.value.toString('utf8'));
          seen += 1;
        }
        last = Date.now();
        if (seen >= count) resolve();
      },
    });
  });
  await Promise.race([
    done,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`raw consumer saw ${seen} of ${count}`)), 120_000)),
  ]);
  await consumer.disconnect();
  return { perSec: count / (Math.max(1, last - fetchStart) / 1000), parseOnlyPerSec: count / (Math.max(1, last - first) / 1000) };
};

/**
 * The durable floor: the least any consumer that keeps what it reads can do with these messages.
 * A fresh group reads them with the same fetch settings, JSON.parses each (as the raw baseline
 * does), COPYs each fetched batch's raw JSON into one logged table without indexes or keys, commits
 * that transaction and then the offsets. No validation, no columns, no indexes, no duplicate
 * check: a lower bound on the ingest's time on this machine, not a design. Timed like the others.
 */
const durableFloor = async (
  kafka: Kafka,
  databaseUrl: string | undefined,
  from: { partition: number; offset: string }[],
  count: number,
): Promise<number> => {
  const groupId = `bench-floor-${randomUUID()}`;
  const table = `bench_floor_${groupId.slice(-12).replace(/-/g, '')}`;
  const pool = new PgPool({ connectionString: databaseUrl ?? LOCAL_DATABASE_URL, max: 3 });
  await pool.query(`CREATE TABLE public.${table} (body text NOT NULL)`);
  const admin = kafka.admin();
  await admin.connect();
  await admin.setOffsets({ groupId, topic: TOPICS.crimeReports, partitions: from });
  await admin.disconnect();
  const consumer: Consumer = kafka.consumer({
    groupId,
    maxWaitTimeInMs: 500,
    maxBytesPerPartition: 8 * 1024 * 1024,
    maxBytes: 32 * 1024 * 1024,
  });
  let seen = 0;
  let lastFetchStart = 0;
  let fetchStart = 0;
  let last = 0;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [TOPICS.crimeReports], fromBeginning: false });
    consumer.on(consumer.events.FETCH_START, () => {
      lastFetchStart = Date.now();
    });
    const done = new Promise<void>((resolve, reject) => {
      void consumer.run({
        partitionsConsumedConcurrently: 3,
        eachBatch: async ({ batch }) => {
          if (fetchStart === 0) fetchStart = lastFetchStart || Date.now();
          const lines: string[] = [];
          for (const message of batch.messages) {
            if (!message.value) continue;
            const text = message.value.toString('utf8');
            JSON.parse(text);
            // JSON escapes tabs and newlines itself; only its backslashes need COPY's escape.
            lines.push(text.replace(/\\/g, '\\\\'));
          }
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            const stream = client.query(copyFrom(`COPY public.${table} (body) FROM STDIN`));
            stream.end(lines.join('\n') + '\n');
            await finished(stream);
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK');
            reject(error as Error);
            throw error;
          } finally {
            client.release();
          }
          seen += batch.messages.length;
          last = Date.now();
          if (seen >= count) resolve();
        },
      });
    });
    await Promise.race([
      done,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`durable floor consumer saw ${seen} of ${count}`)), 120_000)),
    ]);
  } finally {
    await consumer.disconnect();
    await pool.query(`DROP TABLE IF EXISTS public.${table}`);
    await pool.end();
  }
  return count / (Math.max(1, last - fetchStart) / 1000);
};

/**
 * Ingest time from the bench service's own consumer counts (first batch → last commit). When
 * another screening service shares the consumer group (npm start, an end-to-end run) it takes
 * partitions: then the day is timed from the database instead, first row to all rows seen.
 */
const measureIngest = (
  get: <T>(path: string) => Promise<T>,
  databaseUrl: string | undefined,
  prefix: string,
  log: (line: string) => void,
): Promise<number> =>
  withDatabase(databaseUrl, async (db) => {
    // The database check scans the version table: run it seldom, or the bench's own polling
    // competes with the ingest it times.
    let lastDatabaseCheck = Date.now();
    const outcome = await waitFor(
      'the national day to be stored',
      async () => {
        const stats = await get<Stats>('/crime-reports/ingestion');
        if (stats.received >= NATIONAL_DAY) return { kind: 'own' as const, stats };
        if (Date.now() - lastDatabaseCheck < 5000) return undefined;
        lastDatabaseCheck = Date.now();
        const { rows } = await db.query<{ n: number; first: Date | null }>(
          `SELECT count(*)::int AS n, min(received_at) AS first FROM screening.crime_report_version WHERE report_ref LIKE $1 || '%'`,
          [prefix],
        );
        return rows[0]!.n >= NATIONAL_DAY ? { kind: 'database' as const, seenAt: Date.now(), first: rows[0]!.first! } : undefined;
      },
      180_000,
      // The times come from the service's own stamps, so polling often buys no precision; each poll
      // (HTTP and a token check) costs the service's one thread what it is being timed on.
      250,
    );
    if (outcome.kind === 'own') {
      // Timed as the raw consumer is: from the fetch that brought the first report to the last commit.
      const seconds = (Date.parse(outcome.stats.lastCommitAt!) - Date.parse(outcome.stats.firstFetchAt!)) / 1000;
      const fromArrival = (Date.parse(outcome.stats.lastCommitAt!) - Date.parse(outcome.stats.firstBatchAt!)) / 1000;
      log(
        `ingested ${outcome.stats.received} (${outcome.stats.stored} new) in ${seconds.toFixed(2)} s from the first fetch (${fromArrival.toFixed(2)} s from the first report's arrival)`,
      );
      return seconds;
    }
    const seconds = (outcome.seenAt - outcome.first.getTime()) / 1000;
    log(`another consumer in the group took part; ingest timed from the database: ${seconds.toFixed(2)} s`);
    return seconds;
  });

export const run = async (ctx: BenchContext): Promise<BenchFigures> => {
  const env: NodeJS.ProcessEnv = { ...ctx.env, HTTP_PORT: String(PORT), SCREENING_PORT: String(PORT) };
  const brokers = (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const kafka = new Kafka({ clientId: 'easi-bench-screening', brokers, logLevel: logLevel.NOTHING });
  const logDir = join(ctx.root, '.easi', 'logs', 'bench');
  const screeningApp = APPS.find((a) => a.name === 'screening')!;
  const workerApp = APPS.find((a) => a.name === 'journey-worker')!;
  const token = await mintDevToken({ agency: 'police', roles: ['operator', 'supervisor', 'investigator'], expiresIn: '1h' });
  const url = `http://127.0.0.1:${PORT}`;
  const get = async <T>(path: string): Promise<T> =>
    (await (await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } })).json()) as T;
  const startScreening = async (): Promise<RunningApp> => {
    const app = startApp(ctx.root, screeningApp, env, logDir, false);
    await waitForHealth(`${url}/health`, 90_000, () => app.child.exitCode === null);
    await waitFor(
      'the crime-report consumer',
      async () => ((await get<Stats>('/crime-reports/ingestion')).running ? true : undefined),
      60_000,
    );
    return app;
  };

  const runId = Date.now().toString(36).toUpperCase();
  const day = await withDatabase(env.DATABASE_URL, benchDay);
  const reports = nationalDay(ctx.root, runId, day);

  // The journey worker bundles its workflows at start: started first, warmed before anything is timed.
  const worker = startApp(ctx.root, workerApp, env, logDir, false);
  // Drain anything already waiting on the topic, then stop the service so the day queues up.
  let screening = await startScreening();
  const probe = { ...reports[0]!, reportRef: `BN-${runId}-probe` };
  const admin = kafka.admin();
  await admin.connect();
  await produce(kafka, [probe]);
  await waitFor(
    'the probe report',
    async () =>
      (await fetch(`${url}/crime-reports/${probe.reportRef}`, { headers: { authorization: `Bearer ${token}` } })).status === 200
        ? true
        : undefined,
    120_000,
  );
  await stopApp(screening);
  const leftovers = await withDatabase(env.DATABASE_URL, (db) => removeUnscreenedLeftovers(db, runId));
  if (leftovers > 0) ctx.log(`removed ${leftovers} unscreened report versions an earlier bench left behind`);

  const from = (await admin.fetchTopicOffsets(TOPICS.crimeReports)).map((p) => ({ partition: p.partition, offset: p.offset }));
  await admin.disconnect();
  const produceSeconds = await produce(kafka, reports);
  ctx.log(`produced ${NATIONAL_DAY} reports in ${produceSeconds.toFixed(2)} s`);

  const raw = await rawConsume(kafka, from, NATIONAL_DAY);
  const rawConsumePerSec = raw.perSec;
  ctx.log(
    `raw kafkajs consume: ${Math.round(rawConsumePerSec)} msg/s from the first fetch (${Math.round(raw.parseOnlyPerSec)} msg/s from the first message's arrival)`,
  );
  const floorPerSec = await durableFloor(kafka, env.DATABASE_URL, from, NATIONAL_DAY);
  ctx.log(
    `durable floor (parse, COPY raw JSON into one unindexed table, commit): ${Math.round(floorPerSec)} msg/s, ${(floorPerSec / rawConsumePerSec).toFixed(3)} of raw`,
  );

  screening = await startScreening();
  try {
    const ingestSeconds = await measureIngest(get, env.DATABASE_URL, `BN-${runId}-`, ctx.log);

    const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
    // The journey worker encrypts the result: read it with the platform's data converter.
    const { TEMPORAL_PAYLOAD_KEYS } = loadConfig(temporalEnv, withPayloadKeys(ctx.root, env));
    const temporal = new Client({
      connection,
      namespace: env.TEMPORAL_NAMESPACE ?? 'easi',
      dataConverter: easiDataConverter(TEMPORAL_PAYLOAD_KEYS),
    });
    await temporal.workflow.execute(DAILY_SCREENING_WORKFLOW_TYPE, {
      workflowId: `bench-screening-warmup-${runId}`,
      taskQueue: TASK_QUEUES.journeys,
      args: [{ day: WARM_UP_DAY }],
    });
    const t0 = Date.now();
    const handle = await temporal.workflow.start(DAILY_SCREENING_WORKFLOW_TYPE, {
      workflowId: `bench-screening-${runId}`,
      taskQueue: TASK_QUEUES.journeys,
      args: [{ day }],
    });
    const result = (await handle.result()) as DailyScreeningResult;
    const screenSeconds = (Date.now() - t0) / 1000;
    await connection.close();
    const summary = result.days[0]!;
    ctx.log(
      `screened ${summary.reports} reports for ${day} in ${screenSeconds.toFixed(2)} s: ${summary.hits} hits, ${summary.misclassificationFlags} possible misclassifications`,
    );

    const screeningReportsPerSec = NATIONAL_DAY / ingestSeconds;
    return {
      screeningReportsPerSec: round(screeningReportsPerSec, 0),
      rawConsumePerSec: round(rawConsumePerSec, 0),
      durableFloorPerSec: round(floorPerSec, 0),
      durableFloorRatio: round(floorPerSec / rawConsumePerSec, 3),
      screeningRatio: round(screeningReportsPerSec / rawConsumePerSec, 3),
      nationalDayIngestSeconds: round(ingestSeconds, 3),
      nationalDayScreenSeconds: round(screenSeconds, 3),
    };
  } finally {
    await Promise.all([stopApp(screening), stopApp(worker)]);
  }
};
