/**
 * What `npm test` prints after the tests: totals over every Jest run, wall time per project, and the
 * slowest test files, read from Jest's `--json` results (pure, so tools/test checks it without Jest).
 */

/** The parts of Jest's `--json` output this reads (Jest 30's FormattedTestResults). */
export type JestJson = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTotalTests: number;
  success: boolean;
  testResults?: { name: string; startTime: number; endTime: number; status?: string }[];
};

export type FileTime = { file: string; project: string; seconds: number };
export type ProjectTime = { project: string; files: number; seconds: number };

/** Totals over several Jest runs; undefined when any run left no results (it crashed before writing them). */
export const combineResults = (parts: (JestJson | undefined)[]): JestJson | undefined => {
  if (parts.length === 0 || parts.some((part) => part === undefined)) return undefined;
  return (parts as JestJson[]).reduce<JestJson>(
    (sum, r) => ({
      numPassedTests: sum.numPassedTests + r.numPassedTests,
      numFailedTests: sum.numFailedTests + r.numFailedTests,
      numPendingTests: sum.numPendingTests + r.numPendingTests,
      numTotalTests: sum.numTotalTests + r.numTotalTests,
      success: sum.success && r.success,
      testResults: [...(sum.testResults ?? []), ...(r.testResults ?? [])],
    }),
    { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTotalTests: 0, success: true, testResults: [] },
  );
};

/** Each test file with its project (the longest project directory that contains it) and its duration. */
export const fileTimes = (results: JestJson, root: string, projectDirs: string[]): FileTime[] => {
  const dirs = [...projectDirs].sort((a, b) => b.length - a.length);
  return (results.testResults ?? []).map((r) => {
    const file = r.name.startsWith(`${root}/`) ? r.name.slice(root.length + 1) : r.name;
    const project = dirs.find((dir) => file.startsWith(`${dir}/`)) ?? '(other)';
    return { file, project, seconds: Math.max(0, (r.endTime - r.startTime) / 1000) };
  });
};

/**
 * Per project: how many files and the wall time from its first file's start to its last file's end
 * (files of one project run in parallel with other projects', so wall time, not a sum).
 */
export const projectTimes = (results: JestJson, root: string, projectDirs: string[]): ProjectTime[] => {
  const byProject = new Map<string, { files: number; start: number; end: number }>();
  const times = fileTimes(results, root, projectDirs);
  (results.testResults ?? []).forEach((r, i) => {
    const project = times[i]?.project ?? '(other)';
    const seen = byProject.get(project);
    byProject.set(
      project,
      seen
        ? { files: seen.files + 1, start: Math.min(seen.start, r.startTime), end: Math.max(seen.end, r.endTime) }
        : { files: 1, start: r.startTime, end: r.endTime },
    );
  });
  return [...byProject.entries()]
    .map(([project, t]) => ({ project, files: t.files, seconds: Math.max(0, (t.end - t.start) / 1000) }))
    .sort((a, b) => b.seconds - a.seconds);
};

export const slowestFiles = (results: JestJson, root: string, projectDirs: string[], count = 10): FileTime[] =>
  fileTimes(results, root, projectDirs)
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, count);

/** Fixed-width lines: "  12.3 s  name". */
export const timingLines = (rows: { label: string; seconds: number }[]): string[] =>
  rows.map((row) => `${row.seconds.toFixed(1).padStart(8)} s  ${row.label}`);

/** The line CI reads: "N passed, N failed"; a run where no test ran or results are missing counts as failed. */
export const summaryLine = (results: JestJson | undefined): string =>
  results ? `${results.numPassedTests} passed, ${results.numFailedTests} failed` : '0 passed, 1 failed';
