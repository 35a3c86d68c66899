import type {
  CriterionResult,
  CriterionStatus,
  EligibilityCriterion,
  EligibilityFacts,
  EligibilityResult,
  OverriddenEligibilityResult,
  SupervisorOverride,
} from './eligibility-types';

export const ELIGIBILITY_RULES_VERSION = 'easi-eligibility-1';

export const ADULT_AGE = 18;

const result = (
  criterion: EligibilityCriterion,
  status: CriterionStatus,
  reason: string,
  evidence: (string | undefined)[],
): CriterionResult => ({
  criterion,
  status,
  reason,
  evidence: evidence.filter((e): e is string => typeof e === 'string' && e.trim() !== ''),
});

const adult = (f: EligibilityFacts): CriterionResult => {
  if (f.ageYears === undefined) return result('adult', 'unknown', 'Age not recorded.', [f.ageEvidence]);
  const fact = `age ${f.ageYears}`;
  return f.ageYears >= ADULT_AGE
    ? result('adult', 'met', `Adult (${f.ageYears}).`, [fact, f.ageEvidence])
    : result('adult', 'not-met', `Under ${ADULT_AGE} (${f.ageYears}): EASI is for adults; refer to youth services.`, [fact, f.ageEvidence]);
};

const livesInArea = (f: EligibilityFacts): CriterionResult => {
  if (f.residesInForceArea === undefined)
    return result('lives-in-force-area', 'unknown', 'Home address not confirmed.', [f.residenceEvidence]);
  return f.residesInForceArea
    ? result('lives-in-force-area', 'met', 'Lives in the force area.', [f.residenceEvidence])
    : result('lives-in-force-area', 'not-met', 'Lives outside the force area: the programme cannot supervise them.', [f.residenceEvidence]);
};

const exPartnerStalking = (f: EligibilityFacts): CriterionResult => {
  const evidence = [f.relationshipToVictim ? `relationship: ${f.relationshipToVictim}` : undefined, f.relationshipEvidence];
  if (f.relationshipToVictim === undefined || f.relationshipToVictim === 'unknown') {
    return result('ex-intimate-partner-stalking', 'unknown', 'Relationship to the victim not known.', evidence);
  }
  if (f.relationshipToVictim === 'partner') {
    return result(
      'ex-intimate-partner-stalking',
      'needs-discussion',
      'Recorded as a current partner: whether the relationship has ended needs discussion.',
      evidence,
    );
  }
  if (f.relationshipToVictim !== 'former-partner') {
    return result(
      'ex-intimate-partner-stalking',
      'not-met',
      `The victim is a ${f.relationshipToVictim}, not a former intimate partner.`,
      evidence,
    );
  }
  if (f.recordedAsStalking === false) {
    return result(
      'ex-intimate-partner-stalking',
      'needs-discussion',
      'Former partner, but the conduct is not recorded as stalking: consider reclassification.',
      evidence,
    );
  }
  if (f.recordedAsStalking === undefined) {
    return result(
      'ex-intimate-partner-stalking',
      'unknown',
      'Former partner; whether the conduct is recorded as stalking is not known.',
      evidence,
    );
  }
  return result('ex-intimate-partner-stalking', 'met', 'Stalking of a former intimate partner.', evidence);
};

const mentalIllness = (f: EligibilityFacts): CriterionResult => {
  const evidence = [f.mentalHealthEvidence];
  switch (f.seriousMentalIllness) {
    case undefined:
      return result('not-driven-by-serious-mental-illness', 'unknown', 'No mental health information recorded.', evidence);
    case 'none-known':
      return result('not-driven-by-serious-mental-illness', 'met', 'No serious mental illness known.', evidence);
    case 'present-not-driving':
      return result(
        'not-driven-by-serious-mental-illness',
        'needs-discussion',
        'A serious mental illness is present though assessed as not driving the stalking: the clinic should confirm.',
        evidence,
      );
    case 'suspected':
      return result(
        'not-driven-by-serious-mental-illness',
        'needs-discussion',
        'Serious mental illness suspected but not assessed.',
        evidence,
      );
    case 'driving-the-stalking':
      return result(
        'not-driven-by-serious-mental-illness',
        'not-met',
        'The stalking is driven by a serious mental illness: a health pathway, not EASI.',
        evidence,
      );
  }
};

const admits = (f: EligibilityFacts): CriterionResult => {
  const evidence = [f.interviewAccount ? `interview: ${f.interviewAccount}` : undefined, f.interviewEvidence];
  switch (f.interviewAccount) {
    case undefined:
    case 'not-interviewed':
      return result('admits-stalking', 'unknown', 'Not yet interviewed, or the interview account is not recorded.', evidence);
    case 'admitted':
      return result('admits-stalking', 'met', 'Admitted the stalking in police interview.', evidence);
    case 'partial-admission':
      return result('admits-stalking', 'needs-discussion', 'Admitted part of the conduct only.', evidence);
    case 'denied':
      return result('admits-stalking', 'not-met', 'Denied the stalking in interview.', evidence);
    case 'no-comment':
      return result('admits-stalking', 'not-met', 'Gave a no-comment interview: no admission.', evidence);
  }
};

const DISPOSAL_LABEL = {
  'conditional-caution': 'conditional caution',
  'other-out-of-court': 'out-of-court disposal',
  'guilty-plea-court-order': 'court order on a guilty plea',
  'licence-condition': 'licence condition',
  none: 'no disposal',
} as const;

const disposal = (f: EligibilityFacts): CriterionResult => {
  if (!f.disposal) return result('suitable-disposal', 'unknown', 'No disposal recorded yet.', [f.disposalEvidence]);
  const { kind, status } = f.disposal;
  const evidence = [`disposal: ${DISPOSAL_LABEL[kind]} (${status})`, f.disposalEvidence];
  if (kind === 'none') return result('suitable-disposal', 'not-met', 'No disposal that could carry EASI as a condition.', evidence);
  if (status === 'agreed') return result('suitable-disposal', 'met', `A ${DISPOSAL_LABEL[kind]} is agreed.`, evidence);
  if (status === 'possible') return result('suitable-disposal', 'met', `A ${DISPOSAL_LABEL[kind]} is possible.`, evidence);
  return result(
    'suitable-disposal',
    'not-met',
    `The ${DISPOSAL_LABEL[kind]} is ${status === 'refused' ? 'refused' : 'not possible'}.`,
    evidence,
  );
};

const voluntary = (f: EligibilityFacts): CriterionResult => {
  const evidence = [f.participationEvidence];
  switch (f.participation) {
    case undefined:
    case 'undecided':
      return result('voluntary-participation', 'unknown', 'Willingness to take part not yet known.', evidence);
    case 'willing':
      return result('voluntary-participation', 'met', 'Willing to take part voluntarily.', evidence);
    case 'unwilling':
      return result('voluntary-participation', 'not-met', 'Does not want to take part: EASI is voluntary.', evidence);
  }
};

const cognitive = (f: EligibilityFacts): CriterionResult => {
  const evidence = [f.cognitiveEvidence];
  switch (f.cognitiveAbility) {
    case undefined:
      return result('cognitive-ability', 'unknown', 'Cognitive ability not assessed.', evidence);
    case 'sufficient':
      return result('cognitive-ability', 'met', 'Able to engage with and benefit from the sessions.', evidence);
    case 'concerns':
      return result('cognitive-ability', 'needs-discussion', 'Concerns about the ability to benefit from the sessions.', evidence);
    case 'insufficient':
      return result('cognitive-ability', 'not-met', 'Not able to benefit from the sessions.', evidence);
  }
};

const risk = (f: EligibilityFacts): CriterionResult => {
  const evidence = [f.riskLevel ? `risk level: ${f.riskLevel}` : undefined, f.riskEvidence];
  switch (f.riskLevel) {
    case undefined:
      return result('risk-level', 'unknown', 'No risk level yet (DASH/DARA, SASH).', evidence);
    case 'standard':
    case 'medium':
      return result('risk-level', 'met', `${f.riskLevel === 'standard' ? 'Standard' : 'Medium'} risk.`, evidence);
    case 'high':
    case 'very-high':
      return result('risk-level', 'not-met', 'high risk: full risk response', evidence);
  }
};

const RULES: readonly ((f: EligibilityFacts) => CriterionResult)[] = [
  adult,
  livesInArea,
  exPartnerStalking,
  mentalIllness,
  admits,
  disposal,
  voluntary,
  cognitive,
  risk,
];

const list = (criteria: readonly EligibilityCriterion[]): string => criteria.join(', ');

/**
 * Applies the EASI eligibility criteria, one result per criterion. High or very high risk is
 * never diverted, whatever the other criteria say. Unknown facts and judgement calls make the
 * outcome "needs case discussion", a real outcome for the triage clinic, not an error.
 */
export const assessEligibility = (facts: EligibilityFacts): EligibilityResult => deriveOverall(RULES.map((rule) => rule(facts)));

/** The overall outcome from one result per criterion (shared by the rules and by a supervisor's criterion override). */
export const deriveOverall = (criteria: CriterionResult[]): EligibilityResult => {
  const having = (status: CriterionStatus): EligibilityCriterion[] => criteria.filter((c) => c.status === status).map((c) => c.criterion);
  const notMet = having('not-met');
  const needsDiscussion = having('needs-discussion');
  const unknown = having('unknown');
  const base = { criteria, notMet, needsDiscussion, unknown, rulesVersion: ELIGIBILITY_RULES_VERSION };
  if (notMet.includes('risk-level')) {
    return {
      ...base,
      overall: 'ineligible',
      reason: `high risk: full risk response${notMet.length > 1 ? `; also not met: ${list(notMet.filter((c) => c !== 'risk-level'))}` : ''}`,
    };
  }
  if (notMet.length > 0) return { ...base, overall: 'ineligible', reason: `Criteria not met: ${list(notMet)}.` };
  if (needsDiscussion.length > 0 || unknown.length > 0) {
    const parts = [
      needsDiscussion.length > 0 ? `needs discussion: ${list(needsDiscussion)}` : undefined,
      unknown.length > 0 ? `not yet known: ${list(unknown)}` : undefined,
    ].filter((part): part is string => part !== undefined);
    return { ...base, overall: 'needs-case-discussion', reason: `For the triage clinic: ${parts.join('; ')}.` };
  }
  return { ...base, overall: 'eligible', reason: 'All criteria met.' };
};

export type OverrideErrorCode =
  'reason-required' | 'overrider-required' | 'high-risk-cannot-be-diverted' | 'risk-level-not-overridable' | 'nothing-to-override';

export class EligibilityOverrideError extends Error {
  constructor(
    readonly code: OverrideErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EligibilityOverrideError';
  }
}

/**
 * A supervisor's decision over the rules' outcome. Needs who and why; keeps the rules' original
 * result. A high-risk candidate cannot be overridden into EASI: high risk always gets the full
 * risk response.
 */
export const applyOverride = (
  current: EligibilityResult | OverriddenEligibilityResult,
  override: SupervisorOverride,
): OverriddenEligibilityResult => {
  if (override.by.trim() === '') throw new EligibilityOverrideError('overrider-required', 'An override must say who made it.');
  if (override.reason.trim() === '') throw new EligibilityOverrideError('reason-required', 'An override needs a reason.');
  const original = 'original' in current ? current.original : current;
  // Case discussion leads to the triage clinic and so towards EASI: for high risk only "ineligible" stands.
  if (override.decision !== 'ineligible' && original.notMet.includes('risk-level')) {
    throw new EligibilityOverrideError('high-risk-cannot-be-diverted', 'High or very high risk is never diverted: full risk response.');
  }
  if (override.decision === current.overall) {
    throw new EligibilityOverrideError('nothing-to-override', `The outcome is already ${current.overall}.`);
  }
  return {
    ...original,
    overall: override.decision,
    reason: `Supervisor override: ${override.reason.trim()}`,
    override: { ...override, reason: override.reason.trim(), previousOverall: current.overall },
    original,
  };
};
