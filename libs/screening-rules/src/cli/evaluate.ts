import { readFileSync } from 'node:fs';
import { evaluateDetector, formatScoresLine } from '../evaluation/evaluate-detector';
import { parseLabelledNarratives } from '../evaluation/labelled-narrative';

// Usage: evaluate --file <path.jsonl> [--explain]
// Prints one JSON line with precision, recall and F1; exit 2 on a bad file or bad arguments.
const usage = 'usage: screening:evaluate -- --file <path.jsonl> [--explain]';

const main = (argv: readonly string[]): number => {
  const fileIndex = argv.indexOf('--file');
  const file = fileIndex >= 0 ? argv[fileIndex + 1] : undefined;
  if (!file) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  const parsed = parseLabelledNarratives(text);
  if (!parsed.ok) {
    for (const error of parsed.errors) process.stderr.write(`${file}:${error.line}: ${error.field}: ${error.message}\n`);
    return 2;
  }
  const evaluation = evaluateDetector(parsed.lines);
  if (argv.includes('--explain')) {
    // Misclassified cases go to stderr so stdout stays the single JSON line.
    for (const { line, result, correct } of evaluation.cases) {
      if (correct) continue;
      const reasons = result.explanations.map((e) => `${e.rule}(${e.weight}) ${JSON.stringify(e.matched)}`).join('; ');
      process.stderr.write(`${line.id} expected=${line.expected} confidence=${result.confidence}: ${reasons}\n`);
    }
  }
  process.stdout.write(`${formatScoresLine(evaluation.scores)}\n`);
  return 0;
};

process.exitCode = main(process.argv.slice(2));
