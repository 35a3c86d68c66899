import { pino, stdTimeFunctions } from 'pino';
import type { DestinationStream, Logger } from 'pino';
import { currentCorrelationId } from './correlation';

/**
 * Keys that may hold personal data. Logs should never carry them in the first place; redaction
 * is the safety net for the day someone logs a whole DTO.
 */
export const PERSONAL_KEYS = ['narrative', 'name', 'address', 'dateOfBirth', 'phone', 'email'] as const;

const REDACT_PATHS = PERSONAL_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*[*].${key}`, `*.*[*].${key}`]);

export const REDACTED = '[redacted]';

/**
 * JSON lines: ISO time, level label, service, msg, correlationId (when the call runs inside
 * runWithCorrelation) and whatever context the caller adds.
 */
export const createLogger = (service: string, level = 'info', destination?: DestinationStream): Logger => {
  const options = {
    level,
    base: { service },
    timestamp: stdTimeFunctions.isoTime,
    messageKey: 'msg',
    formatters: { level: (label: string) => ({ level: label }) },
    mixin: () => {
      const correlationId = currentCorrelationId();
      return correlationId === undefined ? {} : { correlationId };
    },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
};
