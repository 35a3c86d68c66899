import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { databaseEnv, loadConfig } from '@easi/config';
import { createDataSource, runMigrations } from '@easi/persistence';
import { CrimeScreening1764200000000 } from '../migrations/1764200000000-crime-screening';
import { AuditPersonRefs1764710000000 } from '../migrations/1764710000000-audit-person-refs';
import { AuditRepository, insertAuditEntry, type AuditEntry } from './audit.repository';

jest.setTimeout(60_000);

const { DATABASE_URL } = loadConfig(databaseEnv);

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  actor: 'police:inv-1',
  agency: 'police',
  roles: ['investigator'],
  action: 'read-crime-report',
  subjectType: 'crime-report',
  subjectRef: 'CR-1',
  reason: 'screening review',
  ...over,
});

describe('AuditRepository person trail (real Postgres)', () => {
  const schema = `audit_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;
  let audit: AuditRepository;

  beforeAll(async () => {
    // The table as the previous release wrote it, with a row from before the people column existed.
    const before = await createDataSource({
      url: DATABASE_URL,
      schema,
      entities: [],
      migrations: [CrimeScreening1764200000000],
      poolSize: 2,
    }).initialize();
    await runMigrations(before);
    await before.query(
      `INSERT INTO audit_log (actor, agency, roles, action, subject_type, subject_ref, reason) VALUES ('police:sup-1', 'police', '{supervisor}', 'read-person-screening-history', 'person', 'P-SUSPECT', 'old read')`,
    );
    await before.destroy();
    dataSource = await createDataSource({
      url: DATABASE_URL,
      schema,
      entities: [],
      migrations: [CrimeScreening1764200000000, AuditPersonRefs1764710000000],
      poolSize: 2,
    }).initialize();
    expect(await runMigrations(dataSource)).toEqual(['AuditPersonRefs1764710000000']);
    audit = new AuditRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await dataSource?.destroy();
  });

  it("should list in a person's trail every read that returned their data, besides reads of their own record, newest first", async () => {
    await insertAuditEntry(dataSource.manager, entry({ subjectRef: 'CR-1', personRefs: ['P-VICTIM', 'P-SUSPECT', 'P-SUSPECT'] }));
    await insertAuditEntry(
      dataSource.manager,
      entry({ action: 'read-review-queue', subjectType: 'review-queue', subjectRef: 'status=open', personRefs: ['P-OTHER'] }),
    );
    await insertAuditEntry(dataSource.manager, entry({ action: 'read-person-assessments', subjectType: 'person', subjectRef: 'P-VICTIM' }));

    const suspect = await audit.forPerson('P-SUSPECT', 100);
    expect(suspect.map((r) => [r.action, r.subjectType, r.subjectRef, r.personRefs])).toEqual([
      ['read-crime-report', 'crime-report', 'CR-1', ['P-SUSPECT', 'P-VICTIM']],
      ['read-person-screening-history', 'person', 'P-SUSPECT', []],
    ]);
    const victim = await audit.forPerson('P-VICTIM', 100);
    expect(victim.map((r) => r.action)).toEqual(['read-person-assessments', 'read-crime-report']);
    expect(await audit.forPerson('P-NOBODY', 100)).toEqual([]);
    // A subject's own trail is unchanged by the people column.
    expect((await audit.forSubject('crime-report', 'CR-1', 100)).map((r) => r.personRefs)).toEqual([['P-SUSPECT', 'P-VICTIM']]);
  });
});
