import type { Relationship } from '@easi/contracts';

/**
 * Facts about a candidate that meet every eligibility criterion at medium risk: the screening rules'
 * input (`EligibilityFacts` in `@easi/screening-rules`), the one copy every test and script starts
 * from. Its type is written out here rather than imported (this library may not depend on the
 * screening scope); the rules' tests assign it to `EligibilityFacts`, so a fact the rules no longer
 * accept fails their type check.
 */
export const eligibleFacts = () => ({
  ageYears: 34,
  residesInForceArea: true,
  relationshipToVictim: 'former-partner' as Relationship,
  recordedAsStalking: true,
  seriousMentalIllness: 'none-known' as const,
  interviewAccount: 'admitted' as const,
  disposal: { kind: 'conditional-caution' as const, status: 'agreed' as const },
  participation: 'willing' as const,
  cognitiveAbility: 'sufficient' as const,
  riskLevel: 'medium' as const,
});

/**
 * The eligibility screening form (what the investigator completes the screening task with) for the
 * person screened (`subjectRef`, as their DASH is filed): the eligible facts without the risk level,
 * which the screening service takes from the person's risk assessments on record.
 */
export const eligibleScreeningForm = (subjectRef: string) => {
  const { riskLevel: _fromTheAssessments, ...facts } = eligibleFacts();
  return { subjectRef, ...facts };
};
