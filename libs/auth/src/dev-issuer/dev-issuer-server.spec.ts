import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { verifyToken } from '../verify-token';
import { startDevIssuer } from './dev-issuer-server';
import { loadOrCreateDevSigningKey } from './dev-signing-key';
import { mintDevToken } from './mint-dev-token';

describe('dev issuer', () => {
  let stateDir: string;

  beforeEach(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'easi-dev-issuer-'));
  });

  afterEach(async () => {
    await rm(stateDir, { recursive: true, force: true });
  });

  it('should answer /health with status ok when running', async () => {
    const issuer = await startDevIssuer({ port: 0, stateDir });
    try {
      const response = await fetch(`${issuer.url}/health`);
      expect(response.status).toBe(200);
      await expect(response.json()).resolves.toEqual({ status: 'ok' });
    } finally {
      await issuer.close();
    }
  });

  it('should publish only the public RS256 key when the JWKS is fetched', async () => {
    const issuer = await startDevIssuer({ port: 0, stateDir });
    try {
      const response = await fetch(issuer.jwksUrl);
      const jwks = (await response.json()) as JSONWebKeySet;
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(jwks.keys).toHaveLength(1);
      expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
      expect(jwks.keys[0]).not.toHaveProperty('d');
      expect(jwks.keys[0]).not.toHaveProperty('p');
    } finally {
      await issuer.close();
    }
  });

  it('should answer 404 naming the routes when the path is unknown', async () => {
    const issuer = await startDevIssuer({ port: 0, stateDir });
    try {
      const response = await fetch(`${issuer.url}/token`);
      expect(response.status).toBe(404);
      await expect(response.json()).resolves.toMatchObject({ message: 'no route /token; try /.well-known/jwks.json or /health' });
    } finally {
      await issuer.close();
    }
  });

  it('should reuse the persisted key when restarted on the same state directory', async () => {
    const first = await startDevIssuer({ port: 0, stateDir });
    const before = (await (await fetch(first.jwksUrl)).json()) as JSONWebKeySet;
    await first.close();
    const second = await startDevIssuer({ port: 0, stateDir });
    try {
      const after = (await (await fetch(second.jwksUrl)).json()) as JSONWebKeySet;
      expect(after).toEqual(before);
      expect(await readdir(join(stateDir, 'dev-issuer'))).toEqual(['signing-key.jwk.json']);
    } finally {
      await second.close();
    }
  });

  it('should end with one key when several processes create it at once', async () => {
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateDevSigningKey(stateDir)));
    expect(new Set(keys.map((key) => key.kid)).size).toBe(1);
    expect(await readdir(join(stateDir, 'dev-issuer'))).toEqual(['signing-key.jwk.json']);
  });
});

describe('mintDevToken', () => {
  let stateDir: string;

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'easi-mint-'));
  });

  afterAll(async () => {
    await rm(stateDir, { recursive: true, force: true });
  });

  it('should sign the EASI claims with the persisted key when given agency and roles', async () => {
    const token = await mintDevToken(
      { agency: 'victim-service', roles: ['isac'], expiresIn: '15m' },
      { stateDir, issuer: 'iss-a', audience: 'aud-a' },
    );
    const key = await loadOrCreateDevSigningKey(stateDir);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', kid: key.kid, typ: 'JWT' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: 'dev-victim-service-isac', agency: 'victim-service', roles: ['isac'], iss: 'iss-a', aud: 'aud-a' });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(15 * 60);
    const user = await verifyToken(token, {
      jwksUrl: 'http://unused.invalid/jwks.json',
      issuer: 'iss-a',
      audience: 'aud-a',
      keys: createLocalJWKSet({ keys: [key.publicJwk] }),
    });
    expect(user).toEqual({ subject: 'dev-victim-service-isac', agency: 'victim-service', roles: ['isac'] });
  });

  it('should refuse to mint when a role does not belong to the agency', async () => {
    await expect(mintDevToken({ agency: 'psychology', roles: ['isac'] }, { stateDir })).rejects.toThrow(
      'cannot mint a dev token: roles: role isac does not belong to agency psychology (allowed: psychologist)',
    );
  });

  it('should refuse to mint when the lifetime is not a time span', async () => {
    await expect(mintDevToken({ agency: 'police', roles: ['investigator'], expiresIn: 'forever' }, { stateDir })).rejects.toThrow(
      'expiresIn must look like 30s, 15m, 8h or 7d, got "forever"',
    );
  });
});
