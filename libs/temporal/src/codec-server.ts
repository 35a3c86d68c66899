import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Payload, PayloadCodec } from '@temporalio/common';
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

/**
 * Where the UI should point (`--ui-codec-endpoint http://host:port/codec`): the session cookie is
 * scoped to this path, so the browser sends it to the codec server and to no other local server.
 */
export const CODEC_BASE_PATH = '/codec';
export const CODEC_SESSION_COOKIE = 'easi_codec_token';

const SIGN_IN_PAGE = `<!doctype html><meta charset="utf-8"><title>EASI codec server</title>
<h1>EASI codec server</h1>
<p>Lets the Temporal UI decrypt payloads for a police <b>operator</b> or <b>supervisor</b>. Every read is logged with your staff id.</p>
<p>Paste your bearer token (<code>npm run -s token -- --agency police --role operator</code> locally):</p>
<form method="post" action="${CODEC_BASE_PATH}/session"><textarea name="token" rows="6" cols="80" required></textarea><br><button>Sign in for this browser session</button></form>
<form method="post" action="${CODEC_BASE_PATH}/session/end"><button>Sign out</button></form>
<p>Then in the Temporal UI's codec settings turn on <i>Include cross-origin credentials</i>.</p>`;

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

const readText = async (request: IncomingMessage, limit: number): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new HttpError(413, 'body-too-large', `body is larger than ${limit} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
};

const readBody = async (request: IncomingMessage, limit: number): Promise<unknown> => {
  const body = await readText(request, limit);
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new HttpError(400, 'bad-request', 'body must be JSON: {"payloads":[{"metadata":{...},"data":"<base64>"}]}');
  }
};

const cookieToken = (request: IncomingMessage): string | undefined => {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CODEC_SESSION_COOKIE) return value.join('=');
  }
  return undefined;
};

/** The bearer token of the Authorization header (UI "pass access token", curl, tctl) or else of the session cookie. */
const tokenOf = (request: IncomingMessage): string => {
  const cookie = request.headers.authorization === undefined ? cookieToken(request) : undefined;
  return cookie ?? bearerTokenFrom(request.headers.authorization);
};

const verifyReader = async (token: string, opts: CodecServerOptions): Promise<AuthenticatedUser> => {
  const user = await verifyToken(token, opts.auth);
  assertAccess(user, opts.access ?? CODEC_READERS);
  return user;
};

const authenticate = (request: IncomingMessage, opts: CodecServerOptions): Promise<AuthenticatedUser> =>
  verifyReader(tokenOf(request), opts);

const sessionCookie = (value: string, maxAge?: number): string =>
  `${CODEC_SESSION_COOKIE}=${value}; Path=${CODEC_BASE_PATH}; HttpOnly; SameSite=Strict${maxAge === undefined ? '' : `; Max-Age=${maxAge}`}`;

/** Sign-in for browsers: the UI cannot send an Authorization header without its own OIDC login, but it can send cookies. */
const session = async (request: IncomingMessage, response: ServerResponse, opts: CodecServerOptions, end: boolean): Promise<void> => {
  if (end) {
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'set-cookie': sessionCookie('', 0) });
    response.end('signed out\n');
    return;
  }
  const body = await readText(request, 64 * 1024);
  let token: string;
  try {
    token = (request.headers['content-type'] ?? '').includes('json')
      ? String((JSON.parse(body || '{}') as { token?: unknown }).token ?? '')
      : (new URLSearchParams(body).get('token') ?? '');
  } catch {
    throw new HttpError(400, 'bad-request', 'send the token as a form field or as {"token": "..."}');
  }
  const user = await verifyReader(token.trim(), opts);
  opts.audit.info(
    { event: 'temporal-payloads.session-started', by: user.subject, agency: user.agency, roles: user.roles },
    `${user.subject} signed in to the codec server`,
  );
  response.writeHead(200, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'set-cookie': sessionCookie(token.trim()),
  });
  response.end(`signed in as ${user.subject} (${user.agency}: ${user.roles.join(', ')}) until the token expires or the browser closes\n`);
};

/**
 * The Temporal codec-server protocol (`POST …/encode`, `POST …/decode`, only the last path segment
 * counts) behind EASI bearer-token auth, for the Temporal UI and `temporal --codec-endpoint`.
 * Answers 401 without a valid token, 403 for a token of the wrong agency or role; OPTIONS
 * preflights, GET /health and the sign-in page need no token. The token comes from the
 * Authorization header, or from the HttpOnly session cookie that `POST /codec/session` sets.
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
    if (request.method === 'GET' && (path === '/' || path === CODEC_BASE_PATH || path === `${CODEC_BASE_PATH}/`)) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(SIGN_IN_PAGE);
      return;
    }
    if (request.method === 'POST' && (path === `${CODEC_BASE_PATH}/session` || path === `${CODEC_BASE_PATH}/session/end`)) {
      await session(request, response, opts, path.endsWith('/end'));
      return;
    }
    if (!operation) throw new HttpError(404, 'not-found', `no route ${path}; use POST /encode or POST /decode`);
    if (request.method !== 'POST') throw new HttpError(405, 'method-not-allowed', `${operation} takes POST`);
    const user = await authenticate(request, opts);
    const parsed = JsonPayloadsBody.safeParse(await readBody(request, opts.maxBodyBytes ?? 8 * 1024 * 1024));
    if (!parsed.success)
      throw new HttpError(
        400,
        'bad-request',
        `body must be {"payloads":[...]}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    const payloads = parsed.data.payloads.map(fromJsonPayload);
    let converted: Payload[];
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
      opts.audit.warn(
        {
          event: `temporal-payloads.${operation ?? 'request'}-refused`,
          reason: error.code,
          status,
          origin: request.headers.origin ?? null,
        },
        error.message,
      );
      send(
        response,
        status,
        { error: error.code, message: error.message },
        status === 401 ? { ...cors, 'www-authenticate': 'Bearer realm="easi-codec"' } : cors,
      );
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
