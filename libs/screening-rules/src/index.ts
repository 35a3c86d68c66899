export * from './offence-families/offence-family-reference';

export type { DetectorInput, DetectorOptions, DetectorResult, DetectorRule, DetectorWeights, Explanation } from './detector/detector-types';
export { DETECTOR_RULES } from './detector/detector-types';
export {
  DEFAULT_DETECTOR_THRESHOLD,
  DEFAULT_DETECTOR_WEIGHTS,
  detectMisclassifiedStalking,
} from './detector/detect-misclassified-stalking';

export * from './evaluation/confusion';
export * from './evaluation/labelled-narrative';
export * from './evaluation/evaluate-detector';

export * from './eligibility/eligibility-types';
export * from './eligibility/assess-eligibility';
export * from './eligibility/criterion-override';
export * from './eligibility/screening-risk';

export * from './instruments/instrument-types';
export * from './instruments/definitions';
export * from './instruments/scoring';
export * from './instruments/assessments';
export * from './instruments/risk-level';
