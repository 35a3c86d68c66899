import { eligibleFacts as everyCriterionMet } from '@easi/testing';
import { applyOverride, assessEligibility, EligibilityOverrideError } from './assess-eligibility';
import { applyCriterionOverride } from './criterion-override';
import type { EligibilityFacts } from './eligibility-types';

const eligibleFacts: EligibilityFacts = everyCriterionMet();

const codeOf = (work: () => unknown): string | undefined => {
  try {
    work();
    return undefined;
  } catch (error) {
    return error instanceof EligibilityOverrideError ? error.code : `unexpected ${String(error)}`;
  }
};

describe('applyCriterionOverride', () => {
  const concerns = assessEligibility({ ...eligibleFacts, cognitiveAbility: 'concerns' });

  it('should make the candidate eligible and keep the rules’ result when the only open criterion is overridden to met', () => {
    const overridden = applyCriterionOverride(concerns, {
      by: 'sgt-17',
      reason: ' Psychologist confirmed he can engage ',
      criterion: 'cognitive-ability',
      status: 'met',
      at: '2026-03-01T10:00:00Z',
    });
    expect(overridden.overall).toBe('eligible');
    expect(overridden.override).toEqual({
      by: 'sgt-17',
      reason: 'Psychologist confirmed he can engage',
      decision: 'eligible',
      at: '2026-03-01T10:00:00Z',
      previousOverall: 'needs-case-discussion',
      criterion: { name: 'cognitive-ability', previousStatus: 'needs-discussion', status: 'met' },
    });
    expect(overridden.criteria.find((c) => c.criterion === 'cognitive-ability')).toMatchObject({
      status: 'met',
      reason: expect.stringMatching(/^Supervisor override: Psychologist confirmed/),
    });
    expect(overridden.reason).toMatch(
      /^Supervisor override of cognitive-ability \(needs-discussion → met\): Psychologist confirmed he can engage\. All criteria met\.$/,
    );
    expect(overridden.original).toBe(concerns);
    expect(concerns.criteria.find((c) => c.criterion === 'cognitive-ability')?.status).toBe('needs-discussion');
  });

  it('should leave the outcome to the other criteria when another criterion is still not met', () => {
    const twoProblems = assessEligibility({ ...eligibleFacts, cognitiveAbility: 'concerns', participation: 'unwilling' });
    const overridden = applyCriterionOverride(twoProblems, {
      by: 'sgt-17',
      reason: 'assessed again',
      criterion: 'cognitive-ability',
      status: 'met',
    });
    expect(overridden).toMatchObject({ overall: 'ineligible', notMet: ['voluntary-participation'], needsDiscussion: [] });
  });

  it('should make a candidate ineligible when a supervisor finds a criterion not met', () => {
    const overridden = applyCriterionOverride(assessEligibility(eligibleFacts), {
      by: 'sgt-17',
      reason: 'address is a bail hostel outside the area',
      criterion: 'lives-in-force-area',
      status: 'not-met',
    });
    expect(overridden).toMatchObject({
      overall: 'ineligible',
      notMet: ['lives-in-force-area'],
      override: { previousOverall: 'eligible', decision: 'ineligible' },
    });
  });

  it('should refuse when no reason is given', () => {
    expect(
      codeOf(() => applyCriterionOverride(concerns, { by: 'sgt-17', reason: ' ', criterion: 'cognitive-ability', status: 'met' })),
    ).toBe('reason-required');
  });

  it('should refuse when it does not say who overrides', () => {
    expect(codeOf(() => applyCriterionOverride(concerns, { by: '', reason: 'x', criterion: 'cognitive-ability', status: 'met' }))).toBe(
      'overrider-required',
    );
  });

  it('should refuse when the criterion already has that status', () => {
    expect(codeOf(() => applyCriterionOverride(concerns, { by: 'sgt-17', reason: 'x', criterion: 'adult', status: 'met' }))).toBe(
      'nothing-to-override',
    );
  });

  it.each(['met', 'needs-discussion', 'unknown'] as const)(
    'should refuse to override the risk-level criterion to %s when the risk is high',
    (status) => {
      const highRisk = assessEligibility({ ...eligibleFacts, riskLevel: 'high' });
      expect(codeOf(() => applyCriterionOverride(highRisk, { by: 'sgt-17', reason: 'feels lower', criterion: 'risk-level', status }))).toBe(
        'risk-level-not-overridable',
      );
    },
  );

  it('should keep a high-risk case ineligible when another criterion is overridden', () => {
    const highRisk = assessEligibility({ ...eligibleFacts, riskLevel: 'very-high', cognitiveAbility: 'concerns' });
    const overridden = applyCriterionOverride(highRisk, {
      by: 'sgt-17',
      reason: 'psychologist view',
      criterion: 'cognitive-ability',
      status: 'met',
    });
    expect(overridden.overall).toBe('ineligible');
    expect(overridden.reason).toContain('high risk: full risk response');
  });
});

describe('applyOverride of the overall outcome', () => {
  it.each(['eligible', 'needs-case-discussion'] as const)(
    'should refuse %s when the risk is high, since both lead towards diversion',
    (decision) => {
      const highRisk = assessEligibility({ ...eligibleFacts, riskLevel: 'high' });
      expect(codeOf(() => applyOverride(highRisk, { by: 'sgt-17', reason: 'x', decision }))).toBe('high-risk-cannot-be-diverted');
    },
  );

  it('should refuse when the outcome is already the one asked for', () => {
    expect(codeOf(() => applyOverride(assessEligibility(eligibleFacts), { by: 'sgt-17', reason: 'x', decision: 'eligible' }))).toBe(
      'nothing-to-override',
    );
  });
});
