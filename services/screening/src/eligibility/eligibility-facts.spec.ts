import { screeningDecision } from './eligibility-facts';

describe('screeningDecision', () => {
  const eligible = {
    riskLevel: 'medium' as const,
    ageYears: 34,
    residesInForceArea: true,
    relationshipToVictim: 'former-partner' as const,
    recordedAsStalking: true,
    seriousMentalIllness: 'none-known' as const,
    interviewAccount: 'admitted' as const,
    disposal: { kind: 'conditional-caution' as const, status: 'agreed' as const },
    participation: 'willing' as const,
    cognitiveAbility: 'sufficient' as const,
  };

  it('should send eligible with the risk level when every criterion is met', () => {
    expect(screeningDecision(eligible)).toMatchObject({ outcome: 'eligible', riskLevel: 'medium' });
  });

  it('should send ineligible with the reason when the stalking was denied in interview', () => {
    const decision = screeningDecision({ ...eligible, interviewAccount: 'denied' });
    expect(decision.outcome).toBe('ineligible');
    expect(decision.reason).toContain('admits-stalking');
  });

  it('should send ineligible when the risk is high, whatever else is known', () => {
    expect(screeningDecision({ ...eligible, riskLevel: 'high' })).toMatchObject({ outcome: 'ineligible', riskLevel: 'high' });
  });

  it('should send needs-case-discussion when facts are missing', () => {
    expect(screeningDecision({ riskLevel: 'standard' }).outcome).toBe('needs-case-discussion');
  });
});
