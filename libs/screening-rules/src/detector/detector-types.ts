import type { OffenceFamily, Relationship } from '@easi/contracts';

/**
 * What the detector reads about one crime report. The screening service builds it from a
 * CrimeReportV1 (recordedOffence.family, relationshipToVictim, narrative) and its links
 * (earlier reports with the same suspect and victim).
 */
export type DetectorInput = {
  recordedOffence: OffenceFamily;
  relationship: Relationship;
  narrative: string;
  linkedReports: number;
};

/** Stalking acts the detector recognises (one rule each). */
export const ACT_KINDS = [
  'act-following',
  'act-contact',
  'act-publishing',
  'act-monitoring',
  'act-loitering',
  'act-property',
  'act-watching',
] as const;
export type ActKind = (typeof ACT_KINDS)[number];

/** Situations that explain a report away (keyword bait), one rule each. */
export const CONTEXT_KINDS = [
  'context-road-rage',
  'context-neighbour-dispute',
  'context-child-arrangements',
  'context-debt',
  'context-retail-theft',
  'context-single-argument',
  'context-professional',
] as const;
export type ContextKind = (typeof CONTEXT_KINDS)[number];

export const DETECTOR_RULES = [
  'already-recorded-as-stalking',
  'recording-rule-former-partner',
  'course-of-conduct',
  'no-course-of-conduct',
  'four-fixated',
  'four-obsessive',
  'four-unwanted',
  'four-repeated',
  ...ACT_KINDS,
  'prior-warning',
  'stalking-language',
  'impact-on-victim',
  'no-stalking-act',
  'negation',
  'one-off-event',
  ...CONTEXT_KINDS,
] as const;
export type DetectorRule = (typeof DETECTOR_RULES)[number];

/** One reason for (positive weight) or against (negative weight) a flag, in an investigator's words. */
export type Explanation = {
  rule: DetectorRule;
  text: string;
  /** The narrative's own words that triggered the rule, quoted. */
  matched: string[];
  /** Set when the rule used the linked reports. */
  linkedReports?: number;
  weight: number;
};

export type DetectorResult = {
  flagged: boolean;
  /** 0..1: how strongly the report reads as stalking. */
  confidence: number;
  explanations: Explanation[];
};

/** Weights of each piece of evidence; defaults in DEFAULT_DETECTOR_WEIGHTS. */
export type DetectorWeights = {
  linkedReports: number;
  linkedReportsEach: number;
  linkedReportsMaxExtra: number;
  narrativeRepetition: number;
  narrativeRepetitionWithLinks: number;
  duration: number;
  quantity: number;
  severalActs: number;
  priorWarning: number;
  orderBreach: number;
  recordedAsHarassment: number;
  acts: Record<'following' | 'contact' | 'publishing' | 'monitoring' | 'loitering' | 'property' | 'watching', number>;
  actsCap: number;
  fixated: number;
  obsessive: number;
  unwanted: number;
  stalkingLanguage: number;
  impact: number;
  recordingRule: number;
  context: number;
  contextWithStrongSignals: number;
  contextCap: number;
  oneOff: number;
  retraction: number;
  /** Highest score possible without a course of conduct, or without any act associated with stalking. */
  capWithoutCourse: number;
};

export type DetectorOptions = {
  /** Score at or above which a report is flagged; default 0.55. */
  threshold?: number;
  weights?: Partial<DetectorWeights>;
};
