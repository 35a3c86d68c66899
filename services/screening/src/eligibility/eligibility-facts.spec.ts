import { eligibleScreeningForm } from '@easi/testing';
import { EligibilityFactsBody, screeningDecision } from './eligibility-facts';
import { PERSON, dashOnRecord, riskFrom, sashOnRecord, sdashOnRecord } from './risk-fixtures';

describe('screeningDecision', () => {
  const eligible = EligibilityFactsBody.parse(eligibleScreeningForm(PERSON));
  const mediumDash = dashOnRecord('3d1f6c8e-0000-4000-8000-000000000001', 6, 'medium');

  it('should send eligible with the risk level from the DASH and name it when every criterion is met', () => {
    const decision = screeningDecision(eligible, riskFrom([mediumDash]));
    expect(decision).toMatchObject({ outcome: 'eligible', riskLevel: 'medium' });
    expect(decision.reason).toContain('DASH 3d1f6c8e-0000-4000-8000-000000000001 version 1: medium');
  });

  it('should send ineligible with the reason when the stalking was denied in interview', () => {
    const decision = screeningDecision({ ...eligible, interviewAccount: 'denied' }, riskFrom([mediumDash]));
    expect(decision.outcome).toBe('ineligible');
    expect(decision.reason).toContain('admits-stalking');
  });

  it('should send ineligible at high risk when the DASH is graded high, whatever else is known', () => {
    expect(screeningDecision(eligible, riskFrom([dashOnRecord('d-high', 15, 'high'), sdashOnRecord('sd-1')]))).toMatchObject({
      outcome: 'ineligible',
      riskLevel: 'high',
    });
  });

  it('should send the SASH concern as the level when it is higher than the DASH', () => {
    const decision = screeningDecision(eligible, riskFrom([dashOnRecord('d-low', 2), sashOnRecord('s-high', 'high')]));
    expect(decision).toMatchObject({ outcome: 'ineligible', riskLevel: 'high' });
    expect(decision.reason).toContain('SASH s-high version 1: high');
  });

  it('should send needs-case-discussion when facts are missing', () => {
    expect(screeningDecision(EligibilityFactsBody.parse({ subjectRef: PERSON }), riskFrom([mediumDash])).outcome).toBe(
      'needs-case-discussion',
    );
  });
});

describe('EligibilityFactsBody', () => {
  it('should need the person screened when the facts do not name them', () => {
    expect(EligibilityFactsBody.safeParse({ ageYears: 34 }).success).toBe(false);
  });

  it('should accept facts without a risk level when the level comes from the assessments', () => {
    expect(EligibilityFactsBody.safeParse({ subjectRef: PERSON }).success).toBe(true);
  });
});
