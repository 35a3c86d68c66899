import type { EligibilityOverrideNote } from '@easi/contracts';
import { JourneyRecord } from './journey-record';

describe('JourneyRecord', () => {
  it('should keep the override as data without the facts when a supervisor overrode the eligibility rules', () => {
    const record = new JourneyRecord('JR-1', 'coalesced');
    const summary = {
      overrideId: '0b7c3c41-8f65-4d0e-9a3a-2f5b6a7c8d90',
      target: 'overall',
      from: 'needs-case-discussion',
      to: 'eligible',
      reason: 'Case discussed with the psychologist: suitable.',
      by: 'police:sgt-17',
      at: '2026-11-25T10:00:00.000Z',
      rulesOutcome: 'needs-case-discussion' as const,
    };
    const note: EligibilityOverrideNote = {
      ...summary,
      byRoles: ['supervisor'],
      basis: { facts: { ageYears: 34 }, rulesResult: {}, overriddenResult: {} },
    };
    record.eligibilityOverridden(note);
    expect(record.snapshot().eligibilityOverride).toEqual(summary);
  });
});
