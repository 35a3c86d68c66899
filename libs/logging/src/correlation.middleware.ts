import { Injectable } from '@nestjs/common';
import type { NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CORRELATION_HEADER } from '@easi/contracts';
import { correlationIdOrNew, runWithCorrelation } from './correlation';

/**
 * Takes the caller's correlation id (or makes one), echoes it on the response and runs the
 * rest of the request inside it, so every log line and outbox row of the request carries it.
 */
export const correlationMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void => {
  const correlationId = correlationIdOrNew(req.headers[CORRELATION_HEADER]);
  res.setHeader(CORRELATION_HEADER, correlationId);
  runWithCorrelation(correlationId, () => next());
};

@Injectable()
export class CorrelationMiddleware implements NestMiddleware<IncomingMessage, ServerResponse> {
  use(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void {
    correlationMiddleware(req, res, next);
  }
}
