import { spawn } from 'node:child_process';

export type RunResult = { code: number; seconds: number };

/** Runs a command with inherited output; resolves with its exit code and duration. */
export const run = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunResult> => {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), seconds: (Date.now() - started) / 1000 }));
  });
};

export const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;

export const banner = (text: string): void => {
  process.stdout.write(`\n== ${text}\n`);
};
