import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const storage = new AsyncLocalStorage<string>();

const SAFE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Runs `fn` (and everything it awaits or schedules) with `correlationId` as the current id. */
export const runWithCorrelation = <T>(correlationId: string, fn: () => T): T => storage.run(correlationId, fn);

export const currentCorrelationId = (): string | undefined => storage.getStore();

export const newCorrelationId = (): string => randomUUID();

/**
 * Ids arrive from outside (HTTP headers, Kafka headers) and end up in logs and headers,
 * so only short tokens of safe characters are accepted.
 */
export const isSafeCorrelationId = (value: unknown): value is string => typeof value === 'string' && SAFE_CORRELATION_ID.test(value);

/** The incoming id when it is safe, otherwise a fresh one. */
export const correlationIdOrNew = (value: unknown): string => (isSafeCorrelationId(value) ? value : newCorrelationId());
