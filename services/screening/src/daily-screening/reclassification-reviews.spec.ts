import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { databaseEnv, loadConfig } from '@easi/config';
import { createDataSource, runMigrations } from '@easi/persistence';
import { Initial1764100000000 } from '../migrations/1764100000000-initial';
import { CrimeScreening1764200000000 } from '../migrations/1764200000000-crime-screening';
import { LeanIngestIndexes1764400000000 } from '../migrations/1764400000000-lean-ingest-indexes';
import { RefCollationC1764660000000 } from '../migrations/1764660000000-ref-collation-c';
import { ReviewTaskRepository } from '../review-tasks/review-task.repository';
import { ScreeningRunRepository, type NewHit } from './screening-run.repository';

jest.setTimeout(60_000);

const { DATABASE_URL } = loadConfig(databaseEnv);
const QUEUE = 'easi-team';
const MONTH = new Date().toISOString().slice(0, 7);
const DAY_1 = `${MONTH}-01`;
const DAY_2 = `${MONTH}-02`;

const flagged = (ref: string, version: number, day: string): NewHit => ({
  day,
  source: 'crime-report',
  sourceRef: ref,
  sourceVersion: version,
  policeArea: 'WMP',
  recordedFamily: 'malicious-communications',
  relationship: 'former-partner',
  suspectRefs: ['S-1'],
  victimRefs: ['V-1'],
  linkedReportRefs: [],
  flags: [{ code: 'possible-misclassification', text: 'Reads as stalking.' }],
  misclassificationConfidence: 0.9,
  suggestedActions: ['record-on-list', 'reclassification-submission'],
  taskKind: 'reclassification-review',
});

/** One reclassification review per report, and the monthly figure in reports, on real Postgres. */
describe('reclassification reviews of amended reports (real Postgres)', () => {
  const schema = `reclassification_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;
  let runs: ScreeningRunRepository;
  let reviews: ReviewTaskRepository;

  const tasksOf = async (ref: string): Promise<{ version: number; status: string }[]> =>
    dataSource.query(
      `SELECT h.source_version AS version, t.status FROM review_task t JOIN screening_hit h ON h.id = t.hit_id WHERE h.source_ref = $1 AND t.kind = 'reclassification-review' ORDER BY h.source_version`,
      [ref],
    );
  const taskId = async (ref: string, version: number): Promise<string> =>
    (
      (await dataSource.query(
        `SELECT t.id FROM review_task t JOIN screening_hit h ON h.id = t.hit_id WHERE h.source_ref = $1 AND h.source_version = $2`,
        [ref, version],
      )) as { id: string }[]
    )[0]!.id;
  const flagsOf = async (ref: string, version: number): Promise<{ code: string; text: string }[]> =>
    (
      (await dataSource.query(`SELECT flags FROM screening_hit WHERE source_ref = $1 AND source_version = $2`, [ref, version])) as {
        flags: { code: string; text: string }[];
      }[]
    )[0]!.flags;

  beforeAll(async () => {
    dataSource = await createDataSource({
      url: DATABASE_URL,
      schema,
      entities: [],
      migrations: [Initial1764100000000, CrimeScreening1764200000000, LeanIngestIndexes1764400000000, RefCollationC1764660000000],
      poolSize: 6,
    }).initialize();
    await runMigrations(dataSource);
    runs = new ScreeningRunRepository(dataSource);
    reviews = new ReviewTaskRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await dataSource?.destroy();
  });

  it('should list an amended version flagged again without a second task while the first is open, add nothing when re-run, and count the report once a month', async () => {
    expect(await runs.insertHits([flagged('CR-OPEN', 1, DAY_1)], QUEUE)).toBe(1);
    expect(await runs.insertHits([flagged('CR-OPEN', 2, DAY_2)], QUEUE)).toBe(1);
    expect(await tasksOf('CR-OPEN')).toEqual([{ version: 1, status: 'open' }]);
    expect((await flagsOf('CR-OPEN', 2)).at(-1)).toEqual({
      code: 'earlier-review',
      text: expect.stringContaining(`task ${await taskId('CR-OPEN', 1)}`),
    });
    expect(await runs.insertHits([flagged('CR-OPEN', 1, DAY_1), flagged('CR-OPEN', 2, DAY_2)], QUEUE)).toBe(0);
    expect(await tasksOf('CR-OPEN')).toEqual([{ version: 1, status: 'open' }]);
    const [figure] = await reviews.misclassifiedByMonth(`${MONTH}-01`, `${MONTH}-01`);
    expect(figure).toEqual({ month: MONTH, flagged: 1, confirmed: 0, rejected: 0 });
  });

  it('should open one task when two lanes write two flagged versions of a report at once', async () => {
    await Promise.all([runs.insertHits([flagged('CR-RACE', 1, DAY_1)], QUEUE), runs.insertHits([flagged('CR-RACE', 2, DAY_1)], QUEUE)]);
    expect(await tasksOf('CR-RACE')).toHaveLength(1);
  });

  it('should not reopen a confirmed report but review afresh a rejected one when an amended version is flagged, counting each report once', async () => {
    await runs.insertHits([flagged('CR-CONF', 1, DAY_1), flagged('CR-REJ', 1, DAY_1)], QUEUE);
    await reviews.decide(await taskId('CR-CONF', 1), {
      decision: 'confirm-misclassification',
      actionsTaken: [],
      reclassificationRef: 'RC-9',
      reason: 'submitted',
      decidedBy: 'officer-1',
    });
    await reviews.decide(await taskId('CR-REJ', 1), {
      decision: 'reject-misclassification',
      actionsTaken: [],
      reclassificationRef: null,
      reason: 'Neighbour dispute.',
      decidedBy: 'officer-1',
    });
    await runs.insertHits([flagged('CR-CONF', 2, DAY_2), flagged('CR-REJ', 2, DAY_2)], QUEUE);
    expect(await tasksOf('CR-CONF')).toEqual([{ version: 1, status: 'completed' }]);
    expect((await flagsOf('CR-CONF', 2)).at(-1)?.text).toContain('reclassification submission RC-9');
    expect(await tasksOf('CR-REJ')).toEqual([
      { version: 1, status: 'completed' },
      { version: 2, status: 'open' },
    ]);
    await reviews.decide(await taskId('CR-REJ', 2), {
      decision: 'reject-misclassification',
      actionsTaken: [],
      reclassificationRef: null,
      reason: 'Still a neighbour dispute.',
      decidedBy: 'officer-2',
    });
    const [figure] = await reviews.misclassifiedByMonth(`${MONTH}-01`, `${MONTH}-01`);
    expect(figure).toEqual({ month: MONTH, flagged: 4, confirmed: 1, rejected: 1 });
  });
});
