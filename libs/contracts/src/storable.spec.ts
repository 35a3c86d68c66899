import { describeIssues, IsoDateTime } from './common';
import { CrimeReportV1, type CrimeReportV1Input } from './events/crime-report.v1';
import { CustodyEventV1, type CustodyEventV1Input } from './events/custody-event.v1';
import { PG_INTEGER_MAX, hasNoNulCharacter, isStorableDateTime, isWellFormedUnicode } from './storable';

const report = (overrides: Partial<CrimeReportV1Input> = {}): CrimeReportV1Input => ({
  schemaVersion: 1,
  reportRef: 'CRIME-1',
  version: 1,
  changeType: 'recorded',
  policeArea: 'WMP',
  recordedOffence: { family: 'harassment', legislation: 'PHA 1997 s2' },
  suspects: [{ personRef: 'P-1' }],
  victimRefs: ['V-1'],
  relationshipToVictim: 'former-partner',
  narrative: 'He turned up at her work again.',
  linkedReportRefs: [],
  occurredAt: '2026-11-24T08:00:00Z',
  recordedAt: '2026-11-24T10:00:00Z',
  ...overrides,
});

const custody = (overrides: Partial<CustodyEventV1Input> = {}): CustodyEventV1Input => ({
  schemaVersion: 1,
  eventId: 'CE-1',
  eventType: 'arrested',
  custodyRecordRef: 'CR-1',
  policeArea: 'WMP',
  suspect: { personRef: 'P-1' },
  victimRefs: ['V-1'],
  relationshipToVictim: 'former-partner',
  offences: [{ family: 'stalking', homeOfficeCode: '8Q', legislation: 'PHA 1997 s2A' }],
  occurredAt: '2026-11-24T21:15:00Z',
  recordedAt: '2026-11-24T21:40:00Z',
  ...overrides,
});

const issuesOf = (result: { success: boolean; error?: Parameters<typeof describeIssues>[0] }): string[] =>
  result.success ? [] : describeIssues(result.error!);

describe('storable values', () => {
  it('should accept a report and a custody event when every value fits its column', () => {
    expect(CrimeReportV1.safeParse(report({ version: PG_INTEGER_MAX, narrative: 'Emoji 🙂 and accents é are fine.' })).success).toBe(true);
    expect(CustodyEventV1.safeParse(custody()).success).toBe(true);
  });

  it('should name the field when a report narrative holds a NUL character', () => {
    expect(issuesOf(CrimeReportV1.safeParse(report({ narrative: 'before\u0000after' })))).toEqual([
      'narrative: must not contain the NUL character (\\u0000)',
    ]);
  });

  it('should name the field when legislation holds a NUL character in a report or a custody event', () => {
    expect(issuesOf(CrimeReportV1.safeParse(report({ recordedOffence: { family: 'harassment', legislation: 'PHA\u0000' } })))).toEqual([
      'recordedOffence.legislation: must not contain the NUL character (\\u0000)',
    ]);
    expect(issuesOf(CustodyEventV1.safeParse(custody({ offences: [{ family: 'stalking', legislation: '\u0000' }] })))).toEqual([
      'offences.0.legislation: must not contain the NUL character (\\u0000)',
    ]);
  });

  it('should refuse a NUL character in every reference when one is sent', () => {
    const refused = CrimeReportV1.safeParse(
      report({
        reportRef: 'CRIME\u0000',
        suspects: [{ personRef: 'P-1\u0000' }],
        victimRefs: ['V\u0000-1'],
        linkedReportRefs: ['\u0000AB'],
        policeArea: 'WM\u0000',
      }),
    );
    expect(issuesOf(refused).map((i) => i.split(':')[0])).toEqual([
      'reportRef',
      'policeArea',
      'suspects.0.personRef',
      'victimRefs.0',
      'linkedReportRefs.0',
    ]);
    const event = CustodyEventV1.safeParse(custody({ eventId: 'CE\u0000', custodyRecordRef: 'CR\u0000', crimeReportRefs: ['C\u0000R'] }));
    expect(issuesOf(event).map((i) => i.split(':')[0])).toEqual(['eventId', 'custodyRecordRef', 'crimeReportRefs.0']);
  });

  it('should refuse a narrative when it holds an unpaired surrogate', () => {
    expect(issuesOf(CrimeReportV1.safeParse(report({ narrative: 'half a pair \ud83d here' })))).toEqual([
      'narrative: must be valid Unicode text (it holds an unpaired surrogate)',
    ]);
  });

  it('should refuse a version when it does not fit an integer column', () => {
    expect(issuesOf(CrimeReportV1.safeParse(report({ version: 3_000_000_000 })))).toEqual([
      'version: must be at most 2147483647 (the largest integer stored)',
    ]);
    expect(issuesOf(CrimeReportV1.safeParse(report({ version: PG_INTEGER_MAX + 1 })))).toHaveLength(1);
    expect(issuesOf(CrimeReportV1.safeParse(report({ version: 0 })))).toEqual(['version: must be at least 1']);
  });

  it('should keep the length limits when a narrative or legislation is too long', () => {
    expect(issuesOf(CrimeReportV1.safeParse(report({ narrative: 'x'.repeat(20_001) })))).toEqual([
      'narrative: must be at most 20000 characters',
    ]);
    expect(issuesOf(CustodyEventV1.safeParse(custody({ offences: [{ family: 'stalking', legislation: 'x'.repeat(121) }] })))).toEqual([
      'offences.0.legislation: must be at most 120 characters',
    ]);
  });

  it('should refuse a date-time when timestamptz cannot hold it', () => {
    for (const value of ['0000-01-01T00:00:00Z', '0000-12-31T23:00:00-01:00', '2026-11-25T09:30:00+16:00', '2026-11-25T09:30:00-23:59']) {
      expect(issuesOf(IsoDateTime.safeParse(value))).toEqual(['(root): must be a date-time from year 0001 with an offset within ±15:59']);
    }
    expect(issuesOf(CustodyEventV1.safeParse(custody({ occurredAt: '0000-06-01T00:00:00Z' })))).toEqual([
      'occurredAt: must be a date-time from year 0001 with an offset within ±15:59',
    ]);
  });

  it('should accept a date-time when it is at the edges timestamptz holds', () => {
    for (const value of [
      '0001-01-01T00:00:00Z',
      '9999-12-31T23:59:59.999999Z',
      '2026-11-25T09:30:00+15:59',
      '2026-11-25T09:30:00-12:00',
      '2026-11-25T09:30:00.123Z',
    ]) {
      expect(IsoDateTime.safeParse(value).success).toBe(true);
    }
  });

  it('should tell storable text from text Postgres refuses when the predicates are used alone', () => {
    expect(hasNoNulCharacter('plain')).toBe(true);
    expect(hasNoNulCharacter('a\u0000')).toBe(false);
    expect(isWellFormedUnicode('pair 😀')).toBe(true);
    expect(isWellFormedUnicode('\udc00 low alone')).toBe(false);
    expect(isStorableDateTime('2026-11-25T09:30:00Z')).toBe(true);
  });
});
