import { z } from 'zod';
import { RELATIONSHIPS, RiskLevelCode } from '@easi/contracts';
import { DISPOSAL_KINDS, assessEligibility, type EligibilityFacts } from '@easi/screening-rules';

const evidence = z.string().trim().max(500).optional();

/**
 * What the investigator records to screen a candidate: the facts the eligibility rules read,
 * each with where it came from. The risk level (DASH/DARA, SASH, professional judgement) is required:
 * without it the journey cannot tell a diversion from the full risk response.
 */
export const EligibilityFactsBody = z
  .object({
    riskLevel: RiskLevelCode,
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

/** The journey's decision: the rules' outcome on these facts (reasons in plain words), with the risk level. */
export const screeningDecision = (facts: EligibilityFactsBody): { outcome: string; riskLevel: string; reason: string; rulesVersion: string } => {
  const result = assessEligibility(facts as EligibilityFacts);
  return { outcome: result.overall, riskLevel: facts.riskLevel, reason: result.reason, rulesVersion: result.rulesVersion };
};
