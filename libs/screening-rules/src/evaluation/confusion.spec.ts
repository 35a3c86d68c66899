import { countOutcomes, scoreConfusion } from './confusion';
import { formatScoresLine } from './evaluate-detector';

describe('confusion counting', () => {
  it('should count each combination of expected and predicted when given outcomes', () => {
    expect(
      countOutcomes([
        { expected: true, predicted: true },
        { expected: true, predicted: true },
        { expected: false, predicted: true },
        { expected: true, predicted: false },
        { expected: false, predicted: false },
      ]),
    ).toEqual({ tp: 2, fp: 1, fn: 1, tn: 1 });
  });

  it('should compute precision, recall and F1 rounded to 4 dp when counts are given', () => {
    expect(scoreConfusion({ tp: 2, fp: 1, fn: 2, tn: 5 })).toEqual({
      precision: 0.6667,
      recall: 0.5,
      f1: 0.5714,
      tp: 2,
      fp: 1,
      fn: 2,
      tn: 5,
    });
  });

  it('should give 0 rather than NaN when nothing is predicted or expected', () => {
    expect(scoreConfusion({ tp: 0, fp: 0, fn: 0, tn: 3 })).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    expect(scoreConfusion({ tp: 0, fp: 2, fn: 0, tn: 0 })).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  it('should print the keys in the documented order when formatting the line', () => {
    expect(formatScoresLine(scoreConfusion({ tp: 1, fp: 0, fn: 0, tn: 1 }))).toBe(
      '{"precision":1,"recall":1,"f1":1,"tp":1,"fp":0,"fn":0,"tn":1}',
    );
  });
});
