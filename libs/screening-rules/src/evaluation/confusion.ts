export type Confusion = { tp: number; fp: number; fn: number; tn: number };

export type Scores = { precision: number; recall: number; f1: number } & Confusion;

/** One scored case: what the label says and what the detector said. */
export type Outcome = { expected: boolean; predicted: boolean };

export const countOutcomes = (outcomes: readonly Outcome[]): Confusion =>
  outcomes.reduce<Confusion>(
    (acc, { expected, predicted }) => {
      if (expected && predicted) acc.tp += 1;
      else if (!expected && predicted) acc.fp += 1;
      else if (expected && !predicted) acc.fn += 1;
      else acc.tn += 1;
      return acc;
    },
    { tp: 0, fp: 0, fn: 0, tn: 0 },
  );

const round4 = (n: number): number => Math.round(n * 10_000) / 10_000;

/** Precision, recall and F1, each 0 when undefined (no predictions, no positives), rounded to 4 dp. */
export const scoreConfusion = (confusion: Confusion): Scores => {
  const { tp, fp, fn } = confusion;
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round4(precision), recall: round4(recall), f1: round4(f1), ...confusion };
};
