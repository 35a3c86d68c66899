import { z } from 'zod';
import { PseudoRef, RELATIONSHIPS, RiskLevelCode } from '@easi/contracts';
import {
  DISPOSAL_KINDS,
  assessEligibility,
  type EligibilityFacts,
  type EligibilityResult,
  type ScreeningRisk,
} from '@easi/screening-rules';

const evidence = z.string().trim().max(500).optional();

/**
 * What the investigator records to screen a candidate: the facts the eligibility rules read,
 * each with where it came from, and the person screened (`subjectRef`, as their risk assessments
 * are filed). The risk level is not a fact typed here: the service works it out from the person's
 * DASH/DARA and SASH on record. `riskLevel` is only professional judgement raising that level
 * (with why in `riskEvidence`); a lower one is refused.
 */
export const EligibilityFactsBody = z
  .object({
    subjectRef: PseudoRef.describe(
      'The person screened: the reference their DASH (POST /assessments) is filed under, the custody record or crime report suspect',
    ),
    riskLevel: RiskLevelCode.optional().describe(
      "Only to raise the risk instruments' level on professional judgement (say why in riskEvidence); never lower",
    ),
    riskEvidence: evidence,
    ageYears: z.number().int().min(10).max(120).optional(),
    ageEvidence: evidence,
    residesInForceArea: z.boolean().optional(),
    residenceEvidence: evidence,
    relationshipToVictim: z.enum(RELATIONSHIPS).optional(),
    recordedAsStalking: z.boolean().optional(),
    relationshipEvidence: evidence,
    seriousMentalIllness: z.enum(['none-known', 'present-not-driving', 'driving-the-stalking', 'suspected']).optional(),
    mentalHealthEvidence: evidence,
    interviewAccount: z.enum(['admitted', 'partial-admission', 'denied', 'no-comment', 'not-interviewed']).optional(),
    interviewEvidence: evidence,
    disposal: z.object({ kind: z.enum(DISPOSAL_KINDS), status: z.enum(['agreed', 'possible', 'refused', 'not-possible']) }).optional(),
    disposalEvidence: evidence,
    participation: z.enum(['willing', 'unwilling', 'undecided']).optional(),
    participationEvidence: evidence,
    cognitiveAbility: z.enum(['sufficient', 'concerns', 'insufficient']).optional(),
    cognitiveEvidence: evidence,
  })
  .strict();
export type EligibilityFactsBody = z.infer<typeof EligibilityFactsBody>;

/** The facts the rules read: the submitted ones, with the risk level and its evidence from the risk assessments. */
export const factsForRules = (facts: EligibilityFactsBody, risk: ScreeningRisk): EligibilityFacts => {
  const { subjectRef: _person, ...rest } = facts;
  return { ...rest, riskLevel: risk.level, riskEvidence: risk.evidence };
};

/** The decision's reason: the rules' (or the override's) reason, then where the risk level came from (assessment ids and versions). */
export const withRiskSource = (reason: string, risk: ScreeningRisk): string => `${reason} ${risk.summary}`;

export type ScreeningDecision = {
  outcome: EligibilityResult['overall'];
  riskLevel: ScreeningRisk['level'];
  reason: string;
  rulesVersion: string;
};

/** The journey's decision: the rules' outcome on these facts (reasons in plain words), with the risk level from the assessments. */
export const screeningDecision = (facts: EligibilityFactsBody, risk: ScreeningRisk): ScreeningDecision => {
  const result = assessEligibility(factsForRules(facts, risk));
  return { outcome: result.overall, riskLevel: risk.level, reason: withRiskSource(result.reason, risk), rulesVersion: result.rulesVersion };
};
