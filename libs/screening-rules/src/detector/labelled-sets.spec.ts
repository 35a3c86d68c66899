import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateDetector } from '../evaluation/evaluate-detector';
import { parseLabelledNarratives } from '../evaluation/labelled-narrative';

// Regression guard over the repository's own sets. The held-out set is never used to tune the
// rules; this only stops a change from silently breaking it.
const load = (file: string) => {
  const parsed = parseLabelledNarratives(readFileSync(join(__dirname, '..', '..', 'data', file), 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.lines;
};

describe('labelled narrative sets', () => {
  it('should hold at least 240 labelled and 80 held-out lines when loaded', () => {
    expect(load('labelled-narratives.jsonl').length).toBeGreaterThanOrEqual(240);
    expect(load('holdout-narratives.jsonl').length).toBeGreaterThanOrEqual(80);
  });

  it('should reach precision and recall of 0.85 or more when run on the labelled set', () => {
    const { scores } = evaluateDetector(load('labelled-narratives.jsonl'));
    expect(scores.precision).toBeGreaterThanOrEqual(0.85);
    expect(scores.recall).toBeGreaterThanOrEqual(0.85);
  });

  it('should keep precision of 0.85 and recall of 0.8 or more when run on the held-out set', () => {
    const { scores } = evaluateDetector(load('holdout-narratives.jsonl'));
    expect(scores.precision).toBeGreaterThanOrEqual(0.85);
    expect(scores.recall).toBeGreaterThanOrEqual(0.8);
  });
});
