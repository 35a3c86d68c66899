import type { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import type { Level, Logger } from 'pino';

type Method = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** Lowest first: the lowest Nest level enabled decides pino's threshold. */
const NEST_TO_PINO: [NestLogLevel, Level][] = [
  ['verbose', 'trace'],
  ['debug', 'debug'],
  ['log', 'info'],
  ['warn', 'warn'],
  ['error', 'error'],
  ['fatal', 'fatal'],
];

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Error);

/**
 * Routes Nest's own logs (bootstrap, routes, exceptions) through pino so every line is JSON.
 * Nest passes the context as the last string argument, and for errors the stack before it.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('info', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('trace', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  setLogLevels(levels: NestLogLevel[]): void {
    const lowest = NEST_TO_PINO.find(([nest]) => levels.includes(nest));
    this.logger.level = lowest ? lowest[1] : 'silent';
  }

  private write(method: Method, message: unknown, params: unknown[]): void {
    const rest = [...params];
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context === undefined ? {} : { context };
    if (method === 'error' && typeof rest[0] === 'string') {
      fields.stack = rest.shift();
    }
    if (rest.length > 0) {
      fields.details = rest;
    }
    if (message instanceof Error) {
      this.logger[method]({ ...fields, err: message }, message.message);
    } else if (isPlainObject(message)) {
      this.logger[method]({ ...message, ...fields });
    } else {
      this.logger[method](fields, String(message));
    }
  }
}
