import type { Relationship } from '@easi/contracts';
import type { RiskLevel } from '../instruments/risk-level';

export const ELIGIBILITY_CRITERIA = [
  'adult',
  'lives-in-force-area',
  'ex-intimate-partner-stalking',
  'not-driven-by-serious-mental-illness',
  'admits-stalking',
  'suitable-disposal',
  'voluntary-participation',
  'cognitive-ability',
  'risk-level',
] as const;
export type EligibilityCriterion = (typeof ELIGIBILITY_CRITERIA)[number];

export type CriterionStatus = 'met' | 'not-met' | 'unknown' | 'needs-discussion';

export type EligibilityOutcome = 'eligible' | 'ineligible' | 'needs-case-discussion';

export const DISPOSAL_KINDS = [
  'conditional-caution',
  'other-out-of-court',
  'guilty-plea-court-order',
  'licence-condition',
  'none',
] as const;
export type DisposalKind = (typeof DISPOSAL_KINDS)[number];

/**
 * What is known about a candidate. Every field is optional: a missing fact makes its criterion
 * `unknown`, never a silent pass or fail. Each `...Evidence` is where the fact came from
 * (e.g. "custody record CR-123, interview 12/03"), carried into the result.
 */
export type EligibilityFacts = {
  ageYears?: number;
  ageEvidence?: string;
  residesInForceArea?: boolean;
  residenceEvidence?: string;
  relationshipToVictim?: Relationship;
  /** Whether the conduct is recorded (or has been reclassified) as stalking. */
  recordedAsStalking?: boolean;
  relationshipEvidence?: string;
  /**
   * Serious mental illness as assessed: none known; present but not driving the stalking;
   * assessed as driving it; suspected and not yet assessed.
   */
  seriousMentalIllness?: 'none-known' | 'present-not-driving' | 'driving-the-stalking' | 'suspected';
  mentalHealthEvidence?: string;
  interviewAccount?: 'admitted' | 'partial-admission' | 'denied' | 'no-comment' | 'not-interviewed';
  interviewEvidence?: string;
  disposal?: { kind: DisposalKind; status: 'agreed' | 'possible' | 'refused' | 'not-possible' };
  disposalEvidence?: string;
  participation?: 'willing' | 'unwilling' | 'undecided';
  participationEvidence?: string;
  cognitiveAbility?: 'sufficient' | 'concerns' | 'insufficient';
  cognitiveEvidence?: string;
  riskLevel?: RiskLevel;
  riskEvidence?: string;
};

export type CriterionResult = {
  criterion: EligibilityCriterion;
  status: CriterionStatus;
  /** Plain words: why this status. */
  reason: string;
  /** The facts relied on, as recorded. */
  evidence: string[];
};

export type EligibilityResult = {
  overall: EligibilityOutcome;
  reason: string;
  criteria: CriterionResult[];
  notMet: EligibilityCriterion[];
  needsDiscussion: EligibilityCriterion[];
  unknown: EligibilityCriterion[];
  rulesVersion: string;
};

export type SupervisorOverride = {
  /** Who overrides (a pseudonymous staff reference). */
  by: string;
  reason: string;
  decision: EligibilityOutcome;
  /** When, ISO-8601; recorded by the caller's clock since this library has none. */
  at?: string;
};

/** A supervisor's judgement on one criterion (e.g. a psychologist confirmed the cognitive ability); the overall outcome follows from the criteria. */
export type CriterionOverride = {
  by: string;
  reason: string;
  criterion: EligibilityCriterion;
  status: CriterionStatus;
  at?: string;
};

/** The outcome after a supervisor's override; the rules' own result is kept beside it. */
export type OverriddenEligibilityResult = EligibilityResult & {
  override: SupervisorOverride & {
    previousOverall: EligibilityOutcome;
    /** Set when the override changed one criterion rather than the overall outcome. */
    criterion?: { name: EligibilityCriterion; previousStatus: CriterionStatus; status: CriterionStatus };
  };
  original: EligibilityResult;
};
