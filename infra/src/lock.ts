import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { StepError } from './errors';
import { isAlive } from './proc';

const holderOf = (lockDir: string): number | undefined => {
  try {
    const pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Runs `fn` while holding a directory lock, so `npm start` and `npm test` starting together do
 * not both spawn the same server. A lock left by a dead process is taken over.
 */
export const withLock = async <T>(
  lockDir: string,
  what: string,
  onWait: (line: string) => void,
  fn: () => Promise<T>,
  timeoutMs = 15 * 60_000,
): Promise<T> => {
  mkdirSync(dirname(lockDir), { recursive: true });
  const started = Date.now();
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = holderOf(lockDir);
      if (holder === undefined ? Date.now() - started > 2000 : !isAlive(holder)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!announced) {
        onWait(`waiting for another ${what} (pid ${holder ?? 'unknown'}) to finish...`);
        announced = true;
      }
      if (Date.now() - started > timeoutMs) {
        throw new StepError(
          what,
          `another ${what} (pid ${holder ?? 'unknown'}) holds ${lockDir}`,
          `wait for it, or remove ${lockDir} if no such process runs`,
        );
      }
      await delay(250);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
};
