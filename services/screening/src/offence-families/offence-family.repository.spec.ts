import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { databaseEnv, loadConfig } from '@easi/config';
import { createDataSource, runMigrations } from '@easi/persistence';
import { AuditRepository } from '../audit/audit.repository';
import { CrimeScreening1764200000000 } from '../migrations/1764200000000-crime-screening';
import { AuditPersonRefs1764710000000 } from '../migrations/1764710000000-audit-person-refs';
import { OffenceFamilyChanges1764720000000 } from '../migrations/1764720000000-offence-family-changes';
import { OffenceFamilyRoles1764730000000 } from '../migrations/1764730000000-offence-family-roles';
import { OffenceFamilyRepository, type OffenceFamilyChanger } from './offence-family.repository';

jest.setTimeout(60_000);

const { DATABASE_URL } = loadConfig(databaseEnv);

const supervisor = (reason: string): OffenceFamilyChanger => ({ subject: 'police:sup-1', agency: 'police', roles: ['supervisor'], reason });

describe('OffenceFamilyRepository changes (real Postgres)', () => {
  const schema = `offence_families_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;
  let families: OffenceFamilyRepository;

  beforeAll(async () => {
    dataSource = await createDataSource({
      url: DATABASE_URL,
      schema,
      entities: [],
      migrations: [
        CrimeScreening1764200000000,
        AuditPersonRefs1764710000000,
        OffenceFamilyChanges1764720000000,
        OffenceFamilyRoles1764730000000,
      ],
      poolSize: 2,
    }).initialize();
    await runMigrations(dataSource);
    families = new OffenceFamilyRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await dataSource?.destroy();
  });

  it('should keep each change with who, why and the fields before and after, and audit it, when a supervisor configures a family', async () => {
    const before = (await families.all()).find((f) => f.family === 'malicious-communications')!;
    expect(before.screened).toBe(false);

    const updated = await families.update(
      'malicious-communications',
      { screened: true, label: before.label, note: 'pilot: screened daily' },
      supervisor('pilot month: review every malicious communications report'),
    );
    expect(updated).toMatchObject({
      family: 'malicious-communications',
      screened: true,
      note: 'pilot: screened daily',
      updatedBy: 'police:sup-1',
    });

    const [change, ...older] = await families.changes('malicious-communications', 10);
    expect(older).toEqual([]);
    // The unchanged label is not recorded as a change.
    expect(change).toMatchObject({
      family: 'malicious-communications',
      changedBy: 'police:sup-1',
      roles: ['supervisor'],
      reason: 'pilot month: review every malicious communications report',
      before: { screened: false, note: before.note },
      after: { screened: true, note: 'pilot: screened daily' },
    });
    expect(Object.keys(change!.after).sort()).toEqual(['note', 'screened']);

    const audit = await new AuditRepository(dataSource).forSubject('offence-family', 'malicious-communications', 10);
    expect(audit.map((a) => [a.action, a.actor, a.reason])).toEqual([
      ['configure-offence-family', 'police:sup-1', 'pilot month: review every malicious communications report'],
    ]);
  });

  it('should keep nothing and leave the row as it was when a change alters no field', async () => {
    const row = (await families.all()).find((f) => f.family === 'malicious-communications')!;
    expect(await families.update('malicious-communications', { screened: true }, supervisor('again'))).toEqual(row);
    expect(await families.changes('malicious-communications', 10)).toHaveLength(1);
  });

  it("should seed each family's role as the code decided it before, so the migration changes no behaviour", async () => {
    const roles = Object.fromEntries((await families.all()).map((f) => [f.family, [f.startsJourney, f.courseOfConduct, f.orderBreach]]));
    expect(roles).toMatchObject({
      stalking: [true, true, false],
      harassment: [true, true, false],
      'harassment-fear-of-violence': [true, true, false],
      'racially-aggravated-harassment': [true, true, false],
      'breach-non-molestation-order': [true, true, true],
      'breach-community-resolution': [true, false, false],
      'breach-spo': [true, true, true],
      'malicious-communications': [false, false, false],
      theft: [false, false, false],
    });
    expect([...(await families.startingJourneys())].sort()).toEqual([
      'breach-community-resolution',
      'breach-non-molestation-order',
      'breach-spo',
      'harassment',
      'harassment-fear-of-violence',
      'racially-aggravated-harassment',
      'stalking',
    ]);
  });

  it('should start journeys for a family once a supervisor says so, keeping the change', async () => {
    await families.update(
      'malicious-communications',
      { startsJourney: true },
      supervisor('pilot: custody for malicious communications starts a journey'),
    );
    expect(await families.startingJourneys()).toContain('malicious-communications');
    const [latest] = await families.changes('malicious-communications', 1);
    expect(latest).toMatchObject({ before: { startsJourney: false }, after: { startsJourney: true } });
  });

  it('should change nothing and answer null for a family that does not exist', async () => {
    expect(await families.update('no-such-family', { screened: true }, supervisor('typo'))).toBeNull();
    expect(await families.changes('no-such-family', 10)).toEqual([]);
  });
});
