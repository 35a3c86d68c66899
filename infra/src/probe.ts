import { setTimeout as delay } from 'node:timers/promises';
import { errorText } from './errors';

export type ProbeOptions = {
  /** What is being waited for, for messages. */
  what: string;
  timeoutMs: number;
  /** Pause between failed attempts; attempts themselves are the real check. */
  intervalMs?: number;
  /** Returns a reason when waiting is pointless (the process died). */
  gaveUp?: () => string | undefined;
};

export class ProbeTimeout extends Error {
  override readonly name = 'ProbeTimeout';
}

/**
 * Repeats a real check (a connection, a request) until it succeeds. Never sleeps for a fixed
 * "should be up by now" time: the stack is ready exactly when the check passes.
 */
export const probeUntil = async <T>(check: () => Promise<T>, opts: ProbeOptions): Promise<T> => {
  const started = Date.now();
  let lastError = 'no attempt made';
  for (;;) {
    const reason = opts.gaveUp?.();
    if (reason) throw new ProbeTimeout(`${opts.what}: ${reason} (last check: ${lastError})`);
    try {
      return await check();
    } catch (error) {
      lastError = errorText(error).split('\n')[0] ?? 'unknown error';
    }
    if (Date.now() - started > opts.timeoutMs) {
      throw new ProbeTimeout(`${opts.what}: not ready after ${Math.round(opts.timeoutMs / 1000)} s (last check: ${lastError})`);
    }
    await delay(opts.intervalMs ?? 200);
  }
};
