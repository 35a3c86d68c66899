import { join } from 'node:path';
import { loadStackConfig, provision, startStack, type StackInfo } from '@easi/infra';
import { banner, run } from './run';

/** Seconds each step of `prepareStack` took. */
export type StackTimings = { provisioning: number; stack: number; migrations: number };

/**
 * Provision what is missing (with `testTools`, also the commands the test suite runs), start the
 * stack, apply every service's migrations (the `migrate` Nx targets).
 */
export const prepareStack = async (
  opts: { testTools?: boolean } = {},
): Promise<{ stack: StackInfo; env: NodeJS.ProcessEnv; timings: StackTimings }> => {
  let since = Date.now();
  const lap = (): number => {
    const now = Date.now();
    const took = (now - since) / 1000;
    since = now;
    return took;
  };
  banner('Provisioning (cached after the first run)');
  await provision({ onProgress: (line) => process.stdout.write(`   ${line}\n`), testTools: opts.testTools });
  const provisioning = lap();
  banner('Starting the stack');
  const stack = await startStack();
  const stackStart = lap();
  // Nx's cache lives with the provisioned tools (outside the clone), keyed by the hash of every
  // input, so a fresh clone of an already-checked commit does not lint and type-check it again.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...stack.env,
    NX_CACHE_DIRECTORY: process.env.NX_CACHE_DIRECTORY ?? join(loadStackConfig().cacheDir, 'nx-cache'),
  };
  banner('Migrations');
  const migrate = await run('npx', ['nx', 'run-many', '-t', 'migrate', '--outputStyle=static', '--skipNxCache'], env);
  if (migrate.code !== 0) throw new Error('migrations failed (see output above)');
  return { stack, env, timings: { provisioning, stack: stackStart, migrations: lap() } };
};
