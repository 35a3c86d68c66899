import { eligibleFacts as everyCriterionMet } from '@easi/testing';
import { applyOverride, assessEligibility, EligibilityOverrideError } from './assess-eligibility';
import type { EligibilityCriterion, EligibilityFacts, EligibilityResult } from './eligibility-types';

const eligibleFacts: EligibilityFacts = { ...everyCriterionMet(), interviewEvidence: 'interview 12 March' };

const criterion = (result: EligibilityResult, name: EligibilityCriterion) => result.criteria.find((c) => c.criterion === name);
const statusOf = (facts: EligibilityFacts, name: EligibilityCriterion) => criterion(assessEligibility(facts), name)?.status;

describe('assessEligibility', () => {
  it('should be eligible with one met result per criterion when every fact fits', () => {
    const result = assessEligibility(eligibleFacts);
    expect(result.overall).toBe('eligible');
    expect(result.criteria).toHaveLength(9);
    expect(result.criteria.every((c) => c.status === 'met')).toBe(true);
    expect(criterion(result, 'admits-stalking')?.evidence).toEqual(['interview: admitted', 'interview 12 March']);
  });

  it('should make every criterion unknown and ask for case discussion when no facts are known', () => {
    const result = assessEligibility({});
    expect(result.criteria.every((c) => c.status === 'unknown')).toBe(true);
    expect(result.overall).toBe('needs-case-discussion');
    expect(result.unknown).toHaveLength(9);
    expect(result.reason).toContain('not yet known');
  });

  describe('adult', () => {
    it('should be met when aged 18', () => expect(statusOf({ ...eligibleFacts, ageYears: 18 }, 'adult')).toBe('met'));
    it('should not be met when aged 17', () => expect(statusOf({ ...eligibleFacts, ageYears: 17 }, 'adult')).toBe('not-met'));
    it('should be unknown when age is missing', () => expect(statusOf({ ...eligibleFacts, ageYears: undefined }, 'adult')).toBe('unknown'));
  });

  describe('lives in the force area', () => {
    it('should not be met when living elsewhere', () =>
      expect(statusOf({ ...eligibleFacts, residesInForceArea: false }, 'lives-in-force-area')).toBe('not-met'));
    it('should be unknown when the address is not confirmed', () =>
      expect(statusOf({ ...eligibleFacts, residesInForceArea: undefined }, 'lives-in-force-area')).toBe('unknown'));
  });

  describe('ex-intimate-partner stalking', () => {
    it('should not be met when the victim is a stranger', () =>
      expect(statusOf({ ...eligibleFacts, relationshipToVictim: 'stranger' }, 'ex-intimate-partner-stalking')).toBe('not-met'));
    it('should need discussion when recorded as a current partner', () =>
      expect(statusOf({ ...eligibleFacts, relationshipToVictim: 'partner' }, 'ex-intimate-partner-stalking')).toBe('needs-discussion'));
    it('should need discussion when the conduct is not recorded as stalking', () =>
      expect(statusOf({ ...eligibleFacts, recordedAsStalking: false }, 'ex-intimate-partner-stalking')).toBe('needs-discussion'));
    it('should be unknown when the relationship is unknown', () =>
      expect(statusOf({ ...eligibleFacts, relationshipToVictim: 'unknown' }, 'ex-intimate-partner-stalking')).toBe('unknown'));
  });

  describe('not driven by serious mental illness', () => {
    it.each([
      ['met', 'none-known'],
      ['needs-discussion', 'present-not-driving'],
      ['needs-discussion', 'suspected'],
      ['not-met', 'driving-the-stalking'],
      ['unknown', undefined],
    ] as const)('should be %s when the fact is %j', (status, value) =>
      expect(statusOf({ ...eligibleFacts, seriousMentalIllness: value }, 'not-driven-by-serious-mental-illness')).toBe(status),
    );
  });

  describe('admits the stalking in interview', () => {
    it.each([
      ['met', 'admitted'],
      ['needs-discussion', 'partial-admission'],
      ['not-met', 'denied'],
      ['not-met', 'no-comment'],
      ['unknown', 'not-interviewed'],
      ['unknown', undefined],
    ] as const)('should be %s when the fact is %j', (status, value) =>
      expect(statusOf({ ...eligibleFacts, interviewAccount: value }, 'admits-stalking')).toBe(status),
    );
  });

  describe('suitable disposal', () => {
    it.each([
      ['met', { kind: 'conditional-caution', status: 'agreed' }],
      ['met', { kind: 'guilty-plea-court-order', status: 'possible' }],
      ['met', { kind: 'licence-condition', status: 'agreed' }],
      ['not-met', { kind: 'other-out-of-court', status: 'refused' }],
      ['not-met', { kind: 'conditional-caution', status: 'not-possible' }],
      ['not-met', { kind: 'none', status: 'agreed' }],
      ['unknown', undefined],
    ] as const)('should be %s when the disposal is %j', (status, value) =>
      expect(statusOf({ ...eligibleFacts, disposal: value }, 'suitable-disposal')).toBe(status),
    );
  });

  describe('voluntary participation', () => {
    it.each([
      ['met', 'willing'],
      ['not-met', 'unwilling'],
      ['unknown', 'undecided'],
      ['unknown', undefined],
    ] as const)('should be %s when the fact is %j', (status, value) =>
      expect(statusOf({ ...eligibleFacts, participation: value }, 'voluntary-participation')).toBe(status),
    );
  });

  describe('cognitive ability to benefit', () => {
    it.each([
      ['met', 'sufficient'],
      ['needs-discussion', 'concerns'],
      ['not-met', 'insufficient'],
      ['unknown', undefined],
    ] as const)('should be %s when the fact is %j', (status, value) =>
      expect(statusOf({ ...eligibleFacts, cognitiveAbility: value }, 'cognitive-ability')).toBe(status),
    );
  });

  describe('risk level', () => {
    it.each(['high', 'very-high'] as const)('should never divert %s risk even when everything else is met', (riskLevel) => {
      const result = assessEligibility({ ...eligibleFacts, riskLevel });
      expect(result.overall).toBe('ineligible');
      expect(result.notMet).toEqual(['risk-level']);
      expect(criterion(result, 'risk-level')).toMatchObject({ status: 'not-met', reason: 'high risk: full risk response' });
      expect(result.reason).toMatch(/^high risk: full risk response/);
    });

    it('should be unknown when no risk level is recorded', () =>
      expect(statusOf({ ...eligibleFacts, riskLevel: undefined }, 'risk-level')).toBe('unknown'));
  });

  it('should list every criterion not met when ineligible', () => {
    const result = assessEligibility({ ...eligibleFacts, ageYears: 16, interviewAccount: 'denied' });
    expect(result.overall).toBe('ineligible');
    expect(result.notMet).toEqual(['adult', 'admits-stalking']);
    expect(result.reason).toBe('Criteria not met: adult, admits-stalking.');
  });

  it('should prefer ineligible over case discussion when a criterion fails', () => {
    expect(assessEligibility({ ...eligibleFacts, participation: 'unwilling', cognitiveAbility: 'concerns' }).overall).toBe('ineligible');
  });

  it('should ask for case discussion when a criterion needs judgement', () => {
    const result = assessEligibility({ ...eligibleFacts, interviewAccount: 'partial-admission' });
    expect(result).toMatchObject({ overall: 'needs-case-discussion', needsDiscussion: ['admits-stalking'] });
  });
});

describe('applyOverride', () => {
  const discussion = assessEligibility({ ...eligibleFacts, cognitiveAbility: 'concerns' });

  it('should record who, why and the decision and keep the original result when a supervisor overrides', () => {
    const overridden = applyOverride(discussion, {
      by: 'sgt-17',
      reason: ' Psychologist confirmed he can engage. ',
      decision: 'eligible',
      at: '2026-03-01T10:00:00Z',
    });
    expect(overridden.overall).toBe('eligible');
    expect(overridden.override).toEqual({
      by: 'sgt-17',
      reason: 'Psychologist confirmed he can engage.',
      decision: 'eligible',
      at: '2026-03-01T10:00:00Z',
      previousOverall: 'needs-case-discussion',
    });
    expect(overridden.original).toBe(discussion);
    expect(discussion.overall).toBe('needs-case-discussion');
  });

  it('should refuse an override when no reason is given', () => {
    expect(() => applyOverride(discussion, { by: 'sgt-17', reason: '  ', decision: 'eligible' })).toThrow(EligibilityOverrideError);
  });

  it('should refuse an override when it does not say who made it', () => {
    expect(() => applyOverride(discussion, { by: '', reason: 'x', decision: 'eligible' })).toThrow(/who/);
  });

  it('should refuse to divert a case into EASI when the risk is high', () => {
    const highRisk = assessEligibility({ ...eligibleFacts, riskLevel: 'high' });
    expect(() => applyOverride(highRisk, { by: 'sgt-17', reason: 'feels low risk', decision: 'eligible' })).toThrow(
      expect.objectContaining({ code: 'high-risk-cannot-be-diverted' }),
    );
  });

  it('should keep the rules’ original when an override is overridden again', () => {
    const first = applyOverride(discussion, { by: 'sgt-17', reason: 'first view', decision: 'ineligible' });
    const second = applyOverride(first, { by: 'insp-2', reason: 'on review', decision: 'eligible' });
    expect(second.original).toBe(discussion);
    expect(second.override.previousOverall).toBe('ineligible');
  });
});
