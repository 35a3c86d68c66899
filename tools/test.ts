/**
 * `npm test`: provision what is missing, start the real stack (PostgreSQL, Kafka, Temporal, the dev
 * token issuer), apply every service's migrations, lint and type-check (Nx, cached), then run every
 * project's Jest tests in one run. Ends with the plain line "N passed, N failed".
 */
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { banner, run, seconds } from './lib/run';
import { prepareStack } from './lib/stack';

type JestJson = { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTotalTests: number; success: boolean };

const root = join(__dirname, '..');
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
  const resultsFile = join(root, 'tmp', 'jest-results.json');
  const jest = await run('npx', ['jest', '--json', `--outputFile=${resultsFile}`, '--maxWorkers=2', ...jestArgs], env);
  let results: JestJson | undefined;
  try {
    results = JSON.parse(readFileSync(resultsFile, 'utf8')) as JestJson;
  } catch {
    results = undefined;
  }
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
