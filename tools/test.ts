/**
 * `npm test`: provision what is missing (the stack's tools and the test suite's own commands), start
 * the real stack (PostgreSQL, Kafka, Temporal, the dev token issuer), apply every service's
 * migrations, lint and type-check (Nx, cached), then run every project's Jest tests. Ends with the
 * time each phase took, the slowest test files, and the plain line "N passed, N failed".
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { banner, run, seconds } from './lib/run';
import { prepareStack } from './lib/stack';
import { combineResults, projectTimes, slowestFiles, summaryLine, timingLines, type JestJson } from './lib/test-report';

const root = join(__dirname, '..');

/** A project's Jest displayName is its folder's last segment (see each jest.config.js). */
const displayName = (dir: string): string => (dir === 'workflows/worker' ? 'journey-worker' : (dir.split('/').pop() ?? dir));

const readResults = (file: string): JestJson | undefined => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as JestJson;
  } catch {
    return undefined;
  }
};
const jestArgs = process.argv.slice(2);

const main = async (): Promise<number> => {
  const t0 = Date.now();
  const phases: { label: string; seconds: number }[] = [];
  // tools/bootstrap.sh ran `npm ci` before this script when package-lock.json changed.
  const npmInstall = Number(process.env.EASI_NPM_INSTALL_SECONDS ?? 0);
  if (npmInstall > 0) phases.push({ label: 'npm ci (bootstrap)', seconds: npmInstall });

  const prepared = await prepareStack({ testTools: true });
  phases.push(
    { label: 'provisioning', seconds: prepared.timings.provisioning },
    { label: 'stack start', seconds: prepared.timings.stack },
    { label: 'migrations', seconds: prepared.timings.migrations },
  );
  const env: NodeJS.ProcessEnv = { ...prepared.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };

  banner('Format, lint and type-check (Prettier; Nx, cached)');
  const format = await run('npx', ['prettier', '--check', '--log-level=warn', '.'], env);
  if (format.code !== 0) process.stdout.write('Prettier: the files above are not formatted; `npm run format` formats them\n');
  const lint = await run('npx', ['nx', 'run-many', '-t', 'lint', 'typecheck', '--outputStyle=static', '--parallel=2'], env);
  const checks = { code: format.code || lint.code, seconds: format.seconds + lint.seconds };
  phases.push({ label: 'format check, lint and type-check', seconds: checks.seconds });

  banner('Tests');
  mkdirSync(join(root, 'tmp'), { recursive: true });
  // End-to-end suites each start the real services and journey worker on the shared stack, so
  // they run one after another; every other project's tests run in parallel first.
  const unitResults = join(root, 'tmp', 'jest-results.json');
  const e2eResults = join(root, 'tmp', 'jest-results-e2e.json');
  rmSync(unitResults, { force: true });
  rmSync(e2eResults, { force: true });
  const jestConfig = (await import(join(root, 'jest.config.js'))) as { default: { projects: string[] } };
  const projects = jestConfig.default.projects.map((p) => p.replace('<rootDir>/', ''));
  const others = projects.filter((p) => p !== 'e2e');
  const unit = await run(
    'npx',
    ['jest', '--json', `--outputFile=${unitResults}`, '--maxWorkers=2', '--selectProjects', ...others.map(displayName), ...jestArgs],
    env,
  );
  phases.push({ label: 'tests: every project but e2e (in parallel)', seconds: unit.seconds });
  const e2e = await run(
    'npx',
    ['jest', '--json', `--outputFile=${e2eResults}`, '--runInBand', '--selectProjects', 'e2e', ...jestArgs],
    env,
  );
  phases.push({ label: 'tests: e2e (one file at a time)', seconds: e2e.seconds });
  const results = combineResults([readResults(unitResults), readResults(e2eResults)]);

  banner('Times');
  process.stdout.write(`${timingLines([...phases, { label: 'total', seconds: (Date.now() - t0) / 1000 }]).join('\n')}\n`);
  if (results) {
    const perProject = projectTimes(results, root, projects);
    process.stdout.write(`\nwall time per project (first file's start to last file's end):\n`);
    process.stdout.write(
      `${timingLines(perProject.map((p) => ({ label: `${p.project} (${p.files} files)`, seconds: p.seconds }))).join('\n')}\n`,
    );
    const slowest = slowestFiles(results, root, projects, 10);
    process.stdout.write(
      `\nslowest 10 test files:\n${timingLines(slowest.map((f) => ({ label: f.file, seconds: f.seconds }))).join('\n')}\n`,
    );
    writeFileSync(join(root, 'tmp', 'test-times.json'), `${JSON.stringify({ phases, perProject, slowest }, null, 2)}\n`);
  }
  process.stdout.write(`\ntotal ${seconds(t0)}\n`);
  if (checks.code !== 0) process.stdout.write('format check, lint or type-check FAILED (see above)\n');
  process.stdout.write(`${summaryLine(results)}\n`);
  if (!results || results.numTotalTests === 0) return 1;
  return checks.code !== 0 || unit.code !== 0 || e2e.code !== 0 || !results.success ? 1 : 0;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`\nnpm test could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.stdout.write('0 passed, 1 failed\n');
    process.exit(1);
  },
);
