import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEV_ISSUER_DEFAULTS } from './dev-issuer-defaults';
import { loadOrCreateDevSigningKey } from './dev-signing-key';

export type DevIssuerOptions = {
  /** Default 3000; 0 picks a free port (tests). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  stateDir?: string;
};

export type RunningDevIssuer = {
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  /** e.g. http://127.0.0.1:3000/.well-known/jwks.json: what AUTH_JWKS_URL points at. */
  jwksUrl: string;
  port: number;
  /** Stops listening; safe to call twice. */
  close(): Promise<void>;
};

export const JWKS_PATH = '/.well-known/jwks.json';

const send = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  response.end(JSON.stringify(body));
};

/**
 * Serves the public half of the development signing key. The key file is read on every JWKS
 * request, so a key minted after a wiped state directory is served without a restart.
 */
const handler = (stateDir: string | undefined) => async (request: IncomingMessage, response: ServerResponse) => {
  const path = new URL(request.url ?? '/', 'http://dev-issuer').pathname;
  if (path !== JWKS_PATH && path !== '/health') {
    send(response, 404, { statusCode: 404, error: 'Not Found', message: `no route ${path}; try ${JWKS_PATH} or /health` });
    return;
  }
  if (request.method !== 'GET') {
    send(response, 405, { statusCode: 405, error: 'Method Not Allowed', message: 'only GET is supported' }, { allow: 'GET' });
    return;
  }
  if (path === '/health') {
    send(response, 200, { status: 'ok' });
    return;
  }
  try {
    const key = await loadOrCreateDevSigningKey(stateDir);
    send(response, 200, { keys: [key.publicJwk] });
  } catch (error) {
    send(response, 500, {
      statusCode: 500,
      error: 'Internal Server Error',
      message: error instanceof Error ? error.message : String(error),
    });
  }
};

/** Starts the development issuer (JWKS + health); the key pair is created before the port opens. */
export const startDevIssuer = async (opts: DevIssuerOptions = {}): Promise<RunningDevIssuer> => {
  await loadOrCreateDevSigningKey(opts.stateDir);
  const onRequest = handler(opts.stateDir);
  const server = createServer((request, response) => {
    void onRequest(request, response);
  });
  const host = opts.host ?? DEV_ISSUER_DEFAULTS.host;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? DEV_ISSUER_DEFAULTS.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    jwksUrl: `${url}${JWKS_PATH}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) {
          resolve();
          return;
        }
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
};
