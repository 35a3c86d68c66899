import { combineResults, projectTimes, slowestFiles, summaryLine, type JestJson } from '../lib/test-report';

const root = '/repo';
const projects = ['libs/messaging', 'workflows', 'workflows/worker', 'e2e'];

const run = (files: [string, number, number][], passed = 3, failed = 0): JestJson => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numPendingTests: 0,
  numTotalTests: passed + failed,
  success: failed === 0,
  testResults: files.map(([name, startTime, endTime]) => ({ name: `${root}/${name}`, startTime, endTime })),
});

describe('npm test report', () => {
  const unit = run([
    ['libs/messaging/src/a.spec.ts', 0, 4_000],
    ['libs/messaging/src/b.spec.ts', 1_000, 9_000],
    ['workflows/worker/src/w.spec.ts', 2_000, 3_000],
    ['workflows/test/replay.spec.ts', 500, 12_500],
  ]);
  const e2e = run([['e2e/test/slice.spec.ts', 20_000, 50_000]], 2, 1);

  it('should add up passes and failures over every Jest run when each left results', () => {
    const all = combineResults([unit, e2e]);
    expect(all).toMatchObject({ numPassedTests: 5, numFailedTests: 1, numTotalTests: 6, success: false });
    expect(summaryLine(all)).toBe('5 passed, 1 failed');
  });

  it('should count the run as failed when one Jest run left no results', () => {
    const all = combineResults([unit, undefined]);
    expect(all).toBeUndefined();
    expect(summaryLine(all)).toBe('0 passed, 1 failed');
  });

  it('should list the slowest files first with their project when asked for the slowest', () => {
    const slowest = slowestFiles(combineResults([unit, e2e]) as JestJson, root, projects, 3);
    expect(slowest).toEqual([
      { file: 'e2e/test/slice.spec.ts', project: 'e2e', seconds: 30 },
      { file: 'workflows/test/replay.spec.ts', project: 'workflows', seconds: 12 },
      { file: 'libs/messaging/src/b.spec.ts', project: 'libs/messaging', seconds: 8 },
    ]);
  });

  it('should give each project its wall time from first start to last end when its files overlap', () => {
    const perProject = projectTimes(unit, root, projects);
    expect(perProject).toEqual([
      { project: 'workflows', files: 1, seconds: 12 },
      { project: 'libs/messaging', files: 2, seconds: 9 },
      { project: 'workflows/worker', files: 1, seconds: 1 },
    ]);
  });
});
