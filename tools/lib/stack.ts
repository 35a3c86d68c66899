import { join } from 'node:path';
import { loadStackConfig, provision, startStack, type StackInfo } from '@easi/infra';
import { banner, run } from './run';

/** Provision what is missing, start the stack, apply every service's migrations (the `migrate` Nx targets). */
export const prepareStack = async (): Promise<{ stack: StackInfo; env: NodeJS.ProcessEnv }> => {
  banner('Provisioning (cached after the first run)');
  await provision({ onProgress: (line) => process.stdout.write(`   ${line}\n`) });
  banner('Starting the stack');
  const stack = await startStack();
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
  return { stack, env };
};
