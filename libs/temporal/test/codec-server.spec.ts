import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { mintDevToken, startDevIssuer, type Agency, type Role, type RunningDevIssuer } from '@easi/auth';
import { createLogger } from '@easi/logging';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, createCodecServer, fromJsonPayload, toJsonPayload, type JsonPayload } from '../src';
import { encodingOf, payloadsIn, startEncryptedWorker, testKeys } from './temporal-test-env';

jest.setTimeout(60_000);

const AUTH = { issuer: 'easi-dev-issuer', audience: 'easi' };
const UI = 'http://127.0.0.1:8233';
const keys = testKeys();
const stateDir = mkdtempSync(join(tmpdir(), 'easi-codec-'));
const auditLines: Record<string, unknown>[] = [];
let issuer: RunningDevIssuer;
let server: Server;
let url: string;

const token = (agency: Agency, role: Role, subject?: string): Promise<string> =>
  mintDevToken({ agency, roles: [role], expiresIn: '5m', ...(subject ? { subject } : {}) }, { stateDir, ...AUTH });

const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: UI, ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as { payloads?: JsonPayload[]; error?: string; message?: string },
  };
};

const json = (value: unknown): JsonPayload => toJsonPayload(defaultPayloadConverter.toPayload(value));
const valueOf = (payload: JsonPayload | undefined): unknown => defaultPayloadConverter.fromPayload(fromJsonPayload(payload ?? {}));

beforeAll(async () => {
  issuer = await startDevIssuer({ port: 0, stateDir });
  server = createCodecServer({
    codec: new AesGcmPayloadCodec(keys),
    auth: { jwksUrl: issuer.jwksUrl, ...AUTH },
    allowedOrigins: [UI],
    audit: createLogger('codec-server-test', 'info', {
      write: (line: string) => void auditLines.push(JSON.parse(line) as Record<string, unknown>),
    }),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await issuer?.close();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('codec server', () => {
  it('should round-trip payloads through /encode and /decode when an operator asks', async () => {
    const bearer = { authorization: `Bearer ${await token('police', 'operator')}`, 'x-namespace': 'easi' };
    const encoded = await post('/encode', { payloads: [json({ name: 'Jane Example' }), json('second')] }, bearer);
    expect(encoded.status).toBe(200);
    expect(encoded.body.payloads?.map((p) => Buffer.from(p.metadata?.encoding ?? '', 'base64').toString())).toEqual([
      ENCRYPTED_ENCODING,
      ENCRYPTED_ENCODING,
    ]);
    expect(encoded.body.payloads?.some((p) => Buffer.from(p.data ?? '', 'base64').includes('Jane'))).toBe(false);

    const decoded = await post('/decode', { payloads: encoded.body.payloads }, bearer);
    expect(decoded.status).toBe(200);
    expect(decoded.body.payloads?.map(valueOf)).toEqual([{ name: 'Jane Example' }, 'second']);
    expect(decoded.headers.get('access-control-allow-origin')).toBe(UI);
  });

  it('should answer 401 and decode nothing when the request carries no token', async () => {
    const res = await post('/decode', { payloads: [json('x')] });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'missing-token', message: 'missing Authorization: Bearer <token> header' });
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
    expect(res.body.payloads).toBeUndefined();
  });

  it('should answer 401 when the token is not one of the platform issuer', async () => {
    const res = await post('/decode', { payloads: [json('x')] }, { authorization: 'Bearer not.a.jwt' });
    expect(res.status).toBe(401);
  });

  it('should answer 403 when the token is of another role or another agency', async () => {
    const investigator = await post(
      '/decode',
      { payloads: [json('x')] },
      { authorization: `Bearer ${await token('police', 'investigator')}` },
    );
    expect(investigator.status).toBe(403);
    expect(investigator.body.error).toBe('forbidden-role');
    const psychologist = await post(
      '/decode',
      { payloads: [json('x')] },
      { authorization: `Bearer ${await token('psychology', 'psychologist')}` },
    );
    expect(psychologist.status).toBe(403);
    expect(psychologist.body.error).toBe('forbidden-agency');
  });

  it('should answer the UI preflight with the allowed headers and no token when the browser asks', async () => {
    const res = await fetch(`${url}/decode`, {
      method: 'OPTIONS',
      headers: {
        origin: UI,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-namespace,content-type,authorization',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(UI);
    expect(res.headers.get('access-control-allow-headers')).toBe('X-Namespace, Content-Type, Authorization');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    const stranger = await fetch(`${url}/decode`, { method: 'OPTIONS', headers: { origin: 'http://evil.example' } });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('should log who decoded how many payloads in which namespace when a supervisor reads a real history', async () => {
    const env = await startEncryptedWorker(keys);
    try {
      const handle = await env.platform.workflow.start('describePersonWorkflow', {
        taskQueue: env.taskQueue,
        workflowId: `codec-${randomUUID()}`,
        args: [{ name: 'Jane Example', address: '1 Sample Street' }],
      });
      await handle.result();
      const stored = payloadsIn(await env.raw.workflow.getHandle(handle.workflowId).fetchHistory());
      expect(stored.map(encodingOf)).toContain(ENCRYPTED_ENCODING);
      const sent = stored.map((p) => toJsonPayload({ metadata: p.metadata ?? {}, data: p.data ?? new Uint8Array() }));
      auditLines.length = 0;

      const res = await post(
        '/decode',
        { payloads: sent },
        { authorization: `Bearer ${await token('police', 'supervisor', 'sgt-0042')}`, 'x-namespace': 'easi' },
      );

      expect(res.status).toBe(200);
      expect(res.body.payloads?.map(valueOf)).toContainEqual({ name: 'Jane Example', address: '1 Sample Street' });
      expect(auditLines).toEqual([
        expect.objectContaining({
          event: 'temporal-payloads.decoded',
          by: 'sgt-0042',
          agency: 'police',
          namespace: 'easi',
          payloads: sent.length,
          encrypted: sent.length,
          time: expect.any(String),
        }),
      ]);
      expect(JSON.stringify(auditLines)).not.toContain('Jane');
    } finally {
      await env.stop();
    }
  });

  it('should answer 422 naming the key when a payload is encrypted with a key it does not hold', async () => {
    const foreign = await new AesGcmPayloadCodec(testKeys()).encode([defaultPayloadConverter.toPayload('x')]);
    const res = await post(
      '/decode',
      { payloads: foreign.map(toJsonPayload) },
      { authorization: `Bearer ${await token('police', 'operator')}` },
    );
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/^payload is encrypted with key "test-/);
  });

  it('should decode with the session cookie and without a header when an operator signed in through the page', async () => {
    const page = await fetch(`${url}/codec`);
    expect(await page.text()).toContain('action="/codec/session"');
    const signIn = await fetch(`${url}/codec/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: await token('police', 'operator', 'op-7') }).toString(),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^easi_codec_token=[^;]+; Path=\/codec; HttpOnly; SameSite=Strict$/);

    const encoded = await new AesGcmPayloadCodec(keys).encode([defaultPayloadConverter.toPayload('via cookie')]);
    const res = await post('/codec/decode', { payloads: encoded.map(toJsonPayload) }, { cookie: cookie.split(';')[0] ?? '' });
    expect(res.status).toBe(200);
    expect(res.body.payloads?.map(valueOf)).toEqual(['via cookie']);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('should refuse to sign in and set no cookie when the token is of another role', async () => {
    const signIn = await fetch(`${url}/codec/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: await token('police', 'investigator') }),
    });
    expect(signIn.status).toBe(403);
    expect(signIn.headers.get('set-cookie')).toBeNull();
  });

  it('should answer 400 when the body is not a payloads object', async () => {
    const res = await post('/decode', { nope: true }, { authorization: `Bearer ${await token('police', 'operator')}` });
    expect(res.status).toBe(400);
  });
});
