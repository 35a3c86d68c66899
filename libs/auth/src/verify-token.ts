import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { AuthError } from './auth-error';
import { toAuthenticatedUser, type AuthenticatedUser } from './claims';

/** Where signing keys come from and what a token must say about its origin and audience. */
export type AuthOptions = {
  /** JWKS document of the identity provider (AUTH_JWKS_URL). */
  jwksUrl: string;
  /** Expected `iss` (AUTH_ISSUER). */
  issuer: string;
  /** Expected `aud` (AUTH_AUDIENCE). */
  audience: string;
  /** Allowed clock skew between issuer and service, in seconds (default 30). */
  clockToleranceSeconds?: number;
};

export type VerifyTokenOptions = AuthOptions & {
  /** Key source to use instead of fetching `jwksUrl` (e.g. `createLocalJWKSet`). */
  keys?: JWTVerifyGetKey;
};

export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256'];

// One remote key set per URL for the whole process: jose caches keys and rate-limits refetches.
const remoteKeySets = new Map<string, JWTVerifyGetKey>();

const remoteKeySet = (jwksUrl: string): JWTVerifyGetKey => {
  let keys = remoteKeySets.get(jwksUrl);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(jwksUrl));
    remoteKeySets.set(jwksUrl, keys);
  }
  return keys;
};

const claimFailure = (error: errors.JWTClaimValidationFailed, opts: AuthOptions): AuthError => {
  switch (error.claim) {
    case 'iss':
      return new AuthError('wrong-issuer', `token was not issued by ${opts.issuer}`, { cause: error });
    case 'aud':
      return new AuthError('wrong-audience', `token is not meant for audience ${opts.audience}`, { cause: error });
    case 'nbf':
    case 'iat':
      return new AuthError('token-not-yet-valid', `token is not valid yet (${error.claim} is in the future)`, { cause: error });
    default:
      return new AuthError(
        'invalid-claims',
        error.reason === 'missing' ? `${error.claim} claim is missing` : `${error.claim} claim is invalid: ${error.message}`,
        { cause: error },
      );
  }
};

/** Translates jose's errors into reasons a caller can act on; anything unexpected means the keys could not be read. */
const translate = (error: unknown, opts: AuthOptions): AuthError => {
  if (error instanceof errors.JWTExpired) {
    return new AuthError('token-expired', 'token has expired', { cause: error });
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return claimFailure(error, opts);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new AuthError('invalid-signature', 'token signature is invalid', { cause: error });
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new AuthError('unknown-signing-key', `token was not signed by a key of ${opts.issuer}`, { cause: error });
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new AuthError('unsupported-algorithm', `token must be signed with ${ACCEPTED_ALGORITHMS.join(' or ')}`, { cause: error });
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return new AuthError('malformed-token', 'token is not a valid JWT', { cause: error });
  }
  // The detail (host, port, HTTP status) stays in `cause` for the logs, out of the response body.
  return new AuthError('keys-unavailable', `cannot read the signing keys of ${opts.issuer}`, { cause: error });
};

/**
 * Verifies a bearer token (signature against the issuer's JWKS, RS256/ES256, issuer, audience,
 * expiry) and validates the EASI claims. Throws `AuthError` with a reason; never returns a partial user.
 */
export const verifyToken = async (token: string, opts: VerifyTokenOptions): Promise<AuthenticatedUser> => {
  if (token.trim() === '') {
    throw new AuthError('missing-token', 'bearer token is empty');
  }
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, opts.keys ?? remoteKeySet(opts.jwksUrl), {
      issuer: opts.issuer,
      audience: opts.audience,
      algorithms: ACCEPTED_ALGORITHMS,
      requiredClaims: ['exp', 'sub'],
      clockTolerance: opts.clockToleranceSeconds ?? 30,
    }));
  } catch (error) {
    throw translate(error, opts);
  }
  return toAuthenticatedUser(payload);
};

/**
 * Reads the token out of an `Authorization` header value. Only the Bearer scheme is accepted
 * (case-insensitive, as RFC 7235 says).
 */
export const bearerTokenFrom = (authorization: string | string[] | undefined): string => {
  if (authorization === undefined || authorization === '') {
    throw new AuthError('missing-token', 'missing Authorization: Bearer <token> header');
  }
  if (Array.isArray(authorization)) {
    throw new AuthError('malformed-header', 'send exactly one Authorization header');
  }
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization);
  if (!match) {
    throw new AuthError('malformed-header', 'Authorization header must be "Bearer <token>"');
  }
  return match[1];
};
