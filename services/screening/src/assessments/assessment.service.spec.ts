import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { databaseEnv, loadConfig } from '@easi/config';
import { createDataSource, runMigrations } from '@easi/persistence';
import { DASH_V2009, S_DASH_V1, submitAssessment } from '@easi/screening-rules';
import { Assessments1764500000000 } from '../migrations/1764500000000-assessments';
import { AssessmentRepository } from './assessment.repository';
import { AssessmentService } from './assessment.service';

jest.setTimeout(60_000);

const { DATABASE_URL } = loadConfig(databaseEnv);
const PERSON = 'P-LEGACY-1';

describe('AssessmentService person view (real Postgres)', () => {
  const schema = `assessments_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;
  let repository: AssessmentRepository;
  let service: AssessmentService;

  beforeAll(async () => {
    dataSource = await createDataSource({
      url: DATABASE_URL,
      schema,
      entities: [],
      migrations: [Assessments1764500000000],
      poolSize: 2,
    }).initialize();
    await runMigrations(dataSource);
    repository = new AssessmentRepository(dataSource);
    service = new AssessmentService(repository);
  });

  afterAll(async () => {
    await dataSource?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await dataSource?.destroy();
  });

  it('should list the current versions that need correcting, with what they lack, when a record was saved incomplete under the earlier rules', async () => {
    const dash = submitAssessment({
      assessmentId: randomUUID(),
      subjectRef: PERSON,
      assessor: 'pc-42',
      assessedAt: '2026-10-01T10:00:00Z',
      definition: DASH_V2009,
      answers: Object.fromEntries(DASH_V2009.items.map((item) => [item.id, 'no'])),
      entries: { professionalJudgement: { grade: 'standard', reason: 'victim account read' } },
    });
    // As the earlier rules stored it: two questions unanswered and no judgement recorded.
    const { q3: _q3, q9: _q9, ...answered } = dash.answers;
    await repository.insert({ ...dash, answers: answered, entries: {} }, 'police:pc-42');
    const sdash = submitAssessment({
      assessmentId: randomUUID(),
      subjectRef: PERSON,
      assessor: 'pc-42',
      assessedAt: '2026-10-01T10:30:00Z',
      definition: S_DASH_V1,
      answers: Object.fromEntries(S_DASH_V1.items.map((item) => [item.id, 'no'])),
      entries: {},
    });
    await repository.insert(sdash, 'police:pc-42');

    const view = await service.ofSubject(PERSON);
    expect(view.current).toHaveLength(2);
    expect(view.needsCorrection).toEqual([
      { assessmentId: dash.assessmentId, version: 1, instrument: 'dash', missing: expect.arrayContaining(['q3', 'q9']) },
    ]);
    expect(view.needsCorrection[0]!.missing.some((m) => m.includes('professionalJudgement'))).toBe(true);
  });
});
