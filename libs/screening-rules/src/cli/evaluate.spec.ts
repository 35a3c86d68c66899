import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['-r', './tools/register.js', 'libs/screening-rules/src/cli/evaluate.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });

const tempFile = (content: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'evaluate-')), 'set.jsonl');
  writeFileSync(file, content);
  return file;
};

describe('screening:evaluate command', () => {
  it('should print exactly one JSON line with the scores when the file is valid', () => {
    const file = tempFile(
      [
        {
          id: 'a',
          recordedOffence: 'harassment',
          relationship: 'former-partner',
          narrative: 'He keeps messaging her and waiting outside her house.',
          linkedReports: 2,
          expected: 'stalking',
        },
        {
          id: 'b',
          recordedOffence: 'public-order',
          relationship: 'neighbour',
          narrative: 'Argument over parking. First incident.',
          linkedReports: 0,
          expected: 'not-stalking',
        },
        {
          id: 'c',
          recordedOffence: 'stalking',
          relationship: 'stranger',
          narrative: 'Already stalking.',
          linkedReports: 0,
          expected: 'stalking',
        },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    const result = run('--file', file);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toEqual({ precision: 1, recall: 1, f1: 1, tp: 1, fp: 0, fn: 0, tn: 1 });
  }, 30_000);

  it('should exit 2 naming the line and field when a line is invalid', () => {
    const file = tempFile(
      `${JSON.stringify({ id: 'a', recordedOffence: 'arson', relationship: 'stranger', narrative: 'x', linkedReports: 0, expected: 'stalking' })}\n`,
    );
    const result = run('--file', file);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(':1: recordedOffence:');
  }, 30_000);

  it('should exit 2 with usage when --file is missing', () => {
    const result = run();
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage');
  }, 30_000);
});
