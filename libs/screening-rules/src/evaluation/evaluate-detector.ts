import { detectMisclassifiedStalking } from '../detector/detect-misclassified-stalking';
import type { DetectorOptions, DetectorResult } from '../detector/detector-types';
import { countOutcomes, scoreConfusion, type Scores } from './confusion';
import type { LabelledNarrative } from './labelled-narrative';

export type CaseResult = { line: LabelledNarrative; result: DetectorResult; correct: boolean };

export type Evaluation = { scores: Scores; cases: CaseResult[] };

/**
 * Runs the detector over the labelled lines that were not already recorded as stalking (the
 * detector looks for stalking recorded as something else, so those lines are out of scope).
 */
export const evaluateDetector = (lines: readonly LabelledNarrative[], options?: DetectorOptions): Evaluation => {
  const cases = lines
    .filter((line) => line.recordedOffence !== 'stalking')
    .map((line): CaseResult => {
      const result = detectMisclassifiedStalking(line, options);
      return { line, result, correct: result.flagged === (line.expected === 'stalking') };
    });
  const scores = scoreConfusion(
    countOutcomes(cases.map(({ line, result }) => ({ expected: line.expected === 'stalking', predicted: result.flagged }))),
  );
  return { scores, cases };
};

/** The one JSON line the evaluate command prints, keys in the documented order. */
export const formatScoresLine = (scores: Scores): string =>
  JSON.stringify({
    precision: scores.precision,
    recall: scores.recall,
    f1: scores.f1,
    tp: scores.tp,
    fp: scores.fp,
    fn: scores.fn,
    tn: scores.tn,
  });
