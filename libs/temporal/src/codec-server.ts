import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { PayloadCodec } from '@temporalio/common';
import {
  AuthError,
  assertAccess,
  bearerTokenFrom,
  httpStatusOf,
  verifyToken,
  type AccessRequirement,
  type AuthenticatedUser,
  type VerifyTokenOptions,
} from '@easi/auth';
import type { Logger } from '@easi/logging';
import { isEncryptedPayload } from './encryption-codec';
import { JsonPayloadsBody, fromJsonPayload, toJsonPayload } from './payload-json';

/** Who may read payloads through the codec server: platform operators and supervisors of the police. */
export const CODEC_READERS: AccessRequirement = { agencies: ['police'], roles: ['operator', 'supervisor'] };

export type CodecServerOptions = {
  codec: PayloadCodec;
  auth: VerifyTokenOptions;
  /** Browser origins of the Temporal UI allowed to call (CORS), e.g. http://127.0.0.1:8233. */
  allowedOrigins: readonly string[];
  /** Every decode and encode is logged here with who, when, namespace and how many payloads. */
  audit: Logger;
  access?: AccessRequirement;
  maxBodyBytes?: number;
};

const ALLOWED_HEADERS = 'X-Namespace, Content-Type, Authorization';

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const send = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  response.end(JSON.stringify(body));
};

const corsHeaders = (request: IncomingMessage, allowed: readonly string[]): Record<string, string> => {
  const origin = request.headers.origin;
  const headers: Record<string, string> = { vary: 'Origin' };
  if (origin && allowed.includes(origin)) {
    headers['access-control-allow-origin'] = origin;
    // The UI's "include cross-origin credentials" setting needs this; origins are an explicit list.
    headers['access-control-allow-credentials'] = 'true';
  }
  return headers;
};

const readBody = async (request: IncomingMessage, limit: number): Promise<unknown> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new HttpError(413, 'body-too-large', `body is larger than ${limit} bytes`);
    chunks.push(buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'bad-request', 'body must be JSON: {"payloads":[{"metadata":{...},"data":"<base64>"}]}');
  }
};

const authenticate = async (request: IncomingMessage, opts: CodecServerOptions): Promise<AuthenticatedUser> => {
  const user = await verifyToken(bearerTokenFrom(request.headers.authorization), opts.auth);
  assertAccess(user, opts.access ?? CODEC_READERS);
  return user;
};

/**
 * The Temporal codec-server protocol (`POST …/encode`, `POST …/decode`, only the last path segment
 * counts) behind EASI bearer-token auth, for the Temporal UI and `temporal --codec-endpoint`.
 * Answers 401 without a valid token, 403 for a token of the wrong agency or role; OPTIONS
 * preflights and GET /health need no token.
 */
export const createCodecServer = (opts: CodecServerOptions): Server =>
  createServer((request, response) => {
    void handle(request, response, opts);
  });

const handle = async (request: IncomingMessage, response: ServerResponse, opts: CodecServerOptions): Promise<void> => {
  const cors = corsHeaders(request, opts.allowedOrigins);
  const path = new URL(request.url ?? '/', 'http://codec').pathname;
  const operation = path.endsWith('/decode') ? 'decode' : path.endsWith('/encode') ? 'encode' : undefined;
  try {
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        ...cors,
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': ALLOWED_HEADERS,
        'access-control-max-age': '600',
      });
      response.end();
      return;
    }
    if (request.method === 'GET' && path === '/health') {
      send(response, 200, { status: 'ok' }, cors);
      return;
    }
    if (!operation) throw new HttpError(404, 'not-found', `no route ${path}; use POST /encode or POST /decode`);
    if (request.method !== 'POST') throw new HttpError(405, 'method-not-allowed', `${operation} takes POST`);
    const user = await authenticate(request, opts);
    const parsed = JsonPayloadsBody.safeParse(await readBody(request, opts.maxBodyBytes ?? 8 * 1024 * 1024));
    if (!parsed.success) throw new HttpError(400, 'bad-request', `body must be {"payloads":[...]}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const payloads = parsed.data.payloads.map(fromJsonPayload);
    let converted;
    try {
      converted = operation === 'decode' ? await opts.codec.decode(payloads) : await opts.codec.encode(payloads);
    } catch (error) {
      throw new HttpError(422, `cannot-${operation}`, error instanceof Error ? error.message : String(error));
    }
    // The attributable read: who looked at how many encrypted payloads, in which namespace, when (the log time).
    opts.audit.info(
      {
        event: operation === 'decode' ? 'temporal-payloads.decoded' : 'temporal-payloads.encoded',
        by: user.subject,
        agency: user.agency,
        roles: user.roles,
        namespace: request.headers['x-namespace'] ?? null,
        payloads: payloads.length,
        encrypted: payloads.filter(isEncryptedPayload).length,
        origin: request.headers.origin ?? null,
      },
      `${user.subject} ${operation}d ${payloads.length} payload(s)`,
    );
    send(response, 200, { payloads: converted.map(toJsonPayload) }, cors);
  } catch (error) {
    if (error instanceof AuthError) {
      const status = httpStatusOf(error.code);
      opts.audit.warn({ event: `temporal-payloads.${operation ?? 'request'}-refused`, reason: error.code, status, origin: request.headers.origin ?? null }, error.message);
      send(response, status, { error: error.code, message: error.message }, status === 401 ? { ...cors, 'www-authenticate': 'Bearer realm="easi-codec"' } : cors);
      return;
    }
    if (error instanceof HttpError) {
      send(response, error.status, { error: error.code, message: error.message }, cors);
      return;
    }
    opts.audit.error({ err: error }, 'codec server failed');
    send(response, 500, { error: 'internal', message: 'codec server failed; see its log' }, cors);
  }
};
