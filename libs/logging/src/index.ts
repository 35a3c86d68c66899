export { correlationIdOrNew, currentCorrelationId, isSafeCorrelationId, newCorrelationId, runWithCorrelation } from './correlation';
export { PERSONAL_KEYS, REDACTED, createLogger } from './create-logger';
export { CorrelationMiddleware, correlationMiddleware } from './correlation.middleware';
export { NestPinoLogger } from './nest-pino-logger';
export type { Logger } from 'pino';
