import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/** A bulk of 1,000 reports with long narratives (or 1,000 custody events) needs more than Express's default 100 kB. */
export const BULK_BODY_LIMIT_BYTES = 24 * 1024 * 1024;
export const BULK_PATH = '/crime-reports/bulk';
export const CUSTODY_BULK_PATH = '/custody-events/bulk';

type BodyRequest = IncomingMessage & { body?: unknown };

const refuse = (res: ServerResponse, status: number, message: string): void => {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ statusCode: status, error: status === 413 ? 'Payload Too Large' : 'Bad Request', message }));
};

/**
 * Reads the JSON body of the bulk route with a larger limit. Registered while the module is
 * created, so it runs before Nest's default parser, which then sees a finished request and skips.
 */
export const bulkJsonParser = (req: BodyRequest, res: ServerResponse, next: (error?: unknown) => void): void => {
  const type = req.headers['content-type'] ?? '';
  if (req.method !== 'POST' || !type.toLowerCase().includes('json')) {
    next();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  req.on('data', (chunk: Buffer) => {
    if (refused) return;
    size += chunk.length;
    if (size > BULK_BODY_LIMIT_BYTES) {
      refused = true;
      refuse(res, 413, `request body larger than ${BULK_BODY_LIMIT_BYTES} bytes`);
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (refused) return;
    try {
      req.body = size === 0 ? undefined : (JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
    } catch {
      refuse(res, 400, 'request body is not valid JSON');
      return;
    }
    next();
  });
  req.on('error', (error) => next(error));
};

@Injectable()
export class BulkBodyParser {
  constructor(adapterHost: HttpAdapterHost) {
    for (const path of [BULK_PATH, CUSTODY_BULK_PATH]) adapterHost.httpAdapter?.use(path, bulkJsonParser);
  }
}
