import type { CrimeReportV1Input, CustodyEventV1Input } from '@easi/contracts';
import { uniqueRef } from './wait-for';

/** A valid custody event v1 about a new person (unique refs), with overrides. */
export const sampleCustodyEvent = (overrides: Partial<CustodyEventV1Input> = {}): CustodyEventV1Input => ({
  schemaVersion: 1,
  eventId: uniqueRef('CE'),
  eventType: 'arrested',
  custodyRecordRef: uniqueRef('CR'),
  policeArea: 'WMP',
  suspect: { personRef: uniqueRef('P'), ageYears: 34, residesInForceArea: true },
  victimRefs: [uniqueRef('V')],
  relationshipToVictim: 'former-partner',
  offences: [{ family: 'stalking', homeOfficeCode: '8Q', legislation: 'PHA 1997 s2A' }],
  crimeReportRefs: [],
  interviewAccount: 'admitted',
  occurredAt: '2026-11-24T21:15:00Z',
  recordedAt: '2026-11-24T21:40:00Z',
  ...overrides,
});

/** A valid crime report v1 (unique refs), with overrides. */
export const sampleCrimeReport = (overrides: Partial<CrimeReportV1Input> = {}): CrimeReportV1Input => ({
  schemaVersion: 1,
  reportRef: uniqueRef('CRIME'),
  version: 1,
  changeType: 'recorded',
  policeArea: 'WMP',
  recordedOffence: { family: 'harassment' },
  suspects: [{ personRef: uniqueRef('P') }],
  victimRefs: [uniqueRef('V')],
  relationshipToVictim: 'former-partner',
  narrative: "The suspect turned up at the victim's workplace again and sent repeated messages.",
  linkedReportRefs: [],
  occurredAt: '2026-11-24T08:00:00Z',
  recordedAt: '2026-11-24T10:00:00Z',
  ...overrides,
});
