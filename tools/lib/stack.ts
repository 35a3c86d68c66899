import { provision, startStack, type StackInfo } from '@easi/infra';
import { banner, run } from './run';

/** Provision what is missing, start the stack, apply every service's migrations (the `migrate` Nx targets). */
export const prepareStack = async (): Promise<{ stack: StackInfo; env: NodeJS.ProcessEnv }> => {
  banner('Provisioning (cached after the first run)');
  await provision({ onProgress: (line) => process.stdout.write(`   ${line}\n`) });
  banner('Starting the stack');
  const stack = await startStack();
  const env: NodeJS.ProcessEnv = { ...process.env, ...stack.env };
  banner('Migrations');
  const migrate = await run('npx', ['nx', 'run-many', '-t', 'migrate', '--outputStyle=static', '--skipNxCache'], env);
  if (migrate.code !== 0) throw new Error('migrations failed (see output above)');
  return { stack, env };
};
