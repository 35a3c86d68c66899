/**
 * `npm test`: provision what is missing, start the real stack (PostgreSQL, Kafka, Temporal, the dev
 * token issuer), apply every service's migrations, lint and type-check (Nx, cached), then run every
 * project's Jest tests in one run. Ends with the plain line "N passed, N failed".
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { banner, run, seconds } from './lib/run';
import { prepareStack } from './lib/stack';

type JestJson = { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTotalTests: number; success: boolean };

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
  const prepared = await prepareStack();
  const env: NodeJS.ProcessEnv = { ...prepared.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  const stackSeconds = (Date.now() - t0) / 1000;
  process.stdout.write(`\nprovisioning + stack + migrations: ${stackSeconds.toFixed(1)} s\n`);

  banner('Lint and type-check (Nx, cached)');
  const checks = await run('npx', ['nx', 'run-many', '-t', 'lint', 'typecheck', '--outputStyle=static', '--parallel=2'], env);

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
  const jestStarted = Date.now();
  const unit = await run('npx', ['jest', '--json', `--outputFile=${unitResults}`, '--maxWorkers=2', '--selectProjects', ...others.map(displayName), ...jestArgs], env);
  const e2e = await run('npx', ['jest', '--json', `--outputFile=${e2eResults}`, '--runInBand', '--selectProjects', 'e2e', ...jestArgs], env);
  const jest = { code: unit.code || e2e.code, seconds: (Date.now() - jestStarted) / 1000 };
  const parts = [readResults(unitResults), readResults(e2eResults)];
  const results: JestJson | undefined = parts.every((r) => r !== undefined)
    ? parts.reduce<JestJson>(
        (sum, r) => ({
          numPassedTests: sum.numPassedTests + (r?.numPassedTests ?? 0),
          numFailedTests: sum.numFailedTests + (r?.numFailedTests ?? 0),
          numPendingTests: sum.numPendingTests + (r?.numPendingTests ?? 0),
          numTotalTests: sum.numTotalTests + (r?.numTotalTests ?? 0),
          success: sum.success && (r?.success ?? false),
        }),
        { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTotalTests: 0, success: true },
      )
    : undefined;
  process.stdout.write(`\nstack ready in ${stackSeconds.toFixed(1)} s; lint+typecheck ${checks.seconds.toFixed(1)} s; tests ${jest.seconds.toFixed(1)} s; total ${seconds(t0)}\n`);
  if (checks.code !== 0) process.stdout.write('lint or type-check FAILED (see above)\n');
  if (!results) {
    process.stdout.write('0 passed, 1 failed\n');
    return 1;
  }
  process.stdout.write(`${results.numPassedTests} passed, ${results.numFailedTests} failed\n`);
  if (results.numTotalTests === 0) return 1;
  return checks.code !== 0 || jest.code !== 0 || !results.success ? 1 : 0;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`\nnpm test could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.stdout.write('0 passed, 1 failed\n');
    process.exit(1);
  },
);
