import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { startDevIssuerFixture, TEST_AUDIENCE, TEST_ISSUER, type DevIssuerFixture } from '../test/dev-issuer-fixture';
import { AuthError, type AuthErrorCode } from './auth-error';
import { loadOrCreateDevSigningKey } from './dev-issuer/dev-signing-key';
import { mintDevToken } from './dev-issuer/mint-dev-token';
import { bearerTokenFrom, verifyToken } from './verify-token';

const refusal = async (token: string, opts: Parameters<typeof verifyToken>[1]): Promise<{ code: AuthErrorCode; message: string }> => {
  try {
    await verifyToken(token, opts);
  } catch (error) {
    if (error instanceof AuthError) {
      return { code: error.code, message: error.message };
    }
    throw error;
  }
  throw new Error('expected the token to be refused');
};

describe('verifyToken against the dev issuer over HTTP', () => {
  let fixture: DevIssuerFixture;

  beforeAll(async () => {
    fixture = await startDevIssuerFixture();
  });

  afterAll(async () => {
    await fixture.stop();
  });

  const signWithDevKey = async (claims: Record<string, unknown>, build: (jwt: SignJWT) => SignJWT = (jwt) => jwt): Promise<string> => {
    const key = await loadOrCreateDevSigningKey(fixture.stateDir);
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m');
    return build(jwt).sign(key.privateKey);
  };

  it('should return the caller when the token is valid', async () => {
    const token = await mintDevToken(
      { agency: 'police', roles: ['investigator', 'supervisor'], subject: 'staff-42', name: 'Sgt Example', team: 'easi' },
      fixture.mintOptions,
    );
    await expect(verifyToken(token, fixture.authOptions)).resolves.toEqual({
      subject: 'staff-42',
      agency: 'police',
      roles: ['investigator', 'supervisor'],
      name: 'Sgt Example',
      team: 'easi',
    });
  });

  it('should refuse with invalid-signature when another key signed under the dev key id', async () => {
    const { kid } = await loadOrCreateDevSigningKey(fixture.stateDir);
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ agency: 'police', roles: ['tactical-lead'] })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject('intruder')
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect(refusal(forged, fixture.authOptions)).resolves.toEqual({
      code: 'invalid-signature',
      message: 'token signature is invalid',
    });
  });

  it('should refuse with unknown-signing-key when the key id is not in the JWKS', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const foreign = await new SignJWT({ agency: 'police', roles: ['investigator'] })
      .setProtectedHeader({ alg: 'ES256', kid: 'someone-elses-key' })
      .setSubject('intruder')
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect(refusal(foreign, fixture.authOptions)).resolves.toEqual({
      code: 'unknown-signing-key',
      message: 'token was not signed by a key of easi-dev-issuer',
    });
  });

  it('should refuse with wrong-issuer when the token names another issuer', async () => {
    const token = await mintDevToken(
      { agency: 'police', roles: ['investigator'] },
      { ...fixture.mintOptions, issuer: 'https://elsewhere.example' },
    );
    await expect(refusal(token, fixture.authOptions)).resolves.toEqual({
      code: 'wrong-issuer',
      message: 'token was not issued by easi-dev-issuer',
    });
  });

  it('should refuse with wrong-audience when the token is meant for another audience', async () => {
    const token = await mintDevToken({ agency: 'police', roles: ['investigator'] }, { ...fixture.mintOptions, audience: 'other-app' });
    await expect(refusal(token, fixture.authOptions)).resolves.toEqual({
      code: 'wrong-audience',
      message: 'token is not meant for audience easi',
    });
  });

  it('should refuse with token-expired when the token expired beyond the clock tolerance', async () => {
    const token = await mintDevToken({ agency: 'police', roles: ['investigator'], expiresIn: -120 }, fixture.mintOptions);
    await expect(refusal(token, fixture.authOptions)).resolves.toEqual({ code: 'token-expired', message: 'token has expired' });
  });

  it('should refuse with invalid-claims when the token has no exp', async () => {
    const key = await loadOrCreateDevSigningKey(fixture.stateDir);
    const endless = await new SignJWT({ agency: 'police', roles: ['investigator'] })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .setSubject('staff-1')
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .sign(key.privateKey);
    await expect(refusal(endless, fixture.authOptions)).resolves.toEqual({ code: 'invalid-claims', message: 'exp claim is missing' });
  });

  it('should refuse with invalid-claims naming agency and roles when the token lacks them', async () => {
    const token = await signWithDevKey({}, (jwt) => jwt.setSubject('staff-1'));
    await expect(refusal(token, fixture.authOptions)).resolves.toEqual({
      code: 'invalid-claims',
      message: 'token claims are invalid: agency claim is missing; roles claim is missing',
    });
  });

  it('should refuse with unsupported-algorithm when the token is unsigned', async () => {
    const unsigned = new UnsecuredJWT({ agency: 'police', roles: ['investigator'] })
      .setSubject('staff-1')
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setExpirationTime('5m')
      .encode();
    await expect(refusal(unsigned, fixture.authOptions)).resolves.toMatchObject({ code: 'unsupported-algorithm' });
  });

  it('should refuse with malformed-token when the token is not a JWT', async () => {
    await expect(refusal('not-a-jwt', fixture.authOptions)).resolves.toEqual({
      code: 'malformed-token',
      message: 'token is not a valid JWT',
    });
  });

  it('should refuse with keys-unavailable when the JWKS cannot be fetched', async () => {
    const token = await mintDevToken({ agency: 'police', roles: ['investigator'] }, fixture.mintOptions);
    const unreachable = { ...fixture.authOptions, jwksUrl: `${fixture.issuer.url}/no-such-jwks.json` };
    await expect(refusal(token, unreachable)).resolves.toMatchObject({ code: 'keys-unavailable' });
  });
});

describe('bearerTokenFrom', () => {
  it('should return the token when the header is "Bearer <token>" in any case', () => {
    expect(bearerTokenFrom('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerTokenFrom('bearer abc.def.ghi')).toBe('abc.def.ghi');
  });

  it('should refuse with missing-token when there is no header', () => {
    expect(() => bearerTokenFrom(undefined)).toThrow(expect.objectContaining({ code: 'missing-token' }));
  });

  it('should refuse with malformed-header when the scheme is not Bearer', () => {
    expect(() => bearerTokenFrom('Basic dXNlcjpwYXNz')).toThrow(expect.objectContaining({ code: 'malformed-header' }));
  });

  it('should refuse with malformed-header when the token is missing after Bearer', () => {
    expect(() => bearerTokenFrom('Bearer ')).toThrow(expect.objectContaining({ code: 'malformed-header' }));
  });
});
