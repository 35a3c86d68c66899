import { checkDecision } from './decisions';

const screened = {
  outcome: 'eligible',
  riskLevel: 'medium',
  reason: 'Supervisor override of cognitive-ability (needs-discussion → met): assessed.',
};
const override = {
  overrideId: '0b7c3c41-8f65-4d0e-9a3a-2f5b6a7c8d90',
  target: 'cognitive-ability',
  from: 'needs-discussion',
  to: 'met',
  reason: 'Psychologist assessed him: able to engage.',
  by: 'police:sgt-17',
  at: '2026-11-25T10:00:00.000Z',
  rulesOutcome: 'needs-case-discussion',
};

describe('checkDecision for the eligibility screening', () => {
  it('should take a decision with or without an override when the override names who, what and why', () => {
    expect(checkDecision('eligibility-screening', screened)).toEqual({ ok: true, decision: screened });
    const withNote = {
      ...screened,
      override: { ...override, byRoles: ['supervisor'], basis: { facts: {}, rulesResult: {}, overriddenResult: {} } },
    };
    expect(checkDecision('eligibility-screening', withNote)).toEqual({ ok: true, decision: withNote });
  });

  it('should refuse an override when it lacks its id or its reason', () => {
    const { overrideId: _id, ...noId } = override;
    expect(checkDecision('eligibility-screening', { ...screened, override: noId })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^invalid eligibility-screening decision: override: needs overrideId/),
    });
    expect(checkDecision('eligibility-screening', { ...screened, override: { ...override, reason: '  ' } }).ok).toBe(false);
    expect(checkDecision('eligibility-screening', { ...screened, override: 'overridden' }).ok).toBe(false);
  });
});
