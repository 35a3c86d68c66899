import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { describeIssues, type Agency, type Role } from '@easi/contracts';
import { EasiClaims } from '../claims';
import { DEV_ISSUER_DEFAULTS } from './dev-issuer-defaults';
import { DEV_SIGNING_ALGORITHM, loadOrCreateDevSigningKey } from './dev-signing-key';

export type DevTokenClaims = {
  agency: Agency;
  roles: Role[];
  /** Pseudonymous staff id; default `dev-<agency>-<first role>`. */
  subject?: string;
  name?: string;
  team?: string;
  /**
   * Lifetime: a time span such as "8h", "15m", "30s" (default 8h), or a number of seconds from now.
   * A negative number gives an already expired token, for tests.
   */
  expiresIn?: string | number;
};

export type MintDevTokenOptions = {
  /** Default EASI_STATE_DIR, else `<repo root>/.easi`. */
  stateDir?: string;
  /** Default AUTH_ISSUER, else `easi-dev-issuer`. */
  issuer?: string;
  /** Default AUTH_AUDIENCE, else `easi`. */
  audience?: string;
};

const TIME_SPAN = /^[1-9][0-9]*(s|m|h|d)$/;

const expiry = (expiresIn: string | number): number | string => {
  if (typeof expiresIn === 'number') {
    if (!Number.isInteger(expiresIn)) {
      throw new Error(`expiresIn must be a whole number of seconds, got ${expiresIn}`);
    }
    return Math.floor(Date.now() / 1000) + expiresIn;
  }
  if (!TIME_SPAN.test(expiresIn)) {
    throw new Error(`expiresIn must look like 30s, 15m, 8h or 7d, got "${expiresIn}"`);
  }
  return expiresIn;
};

/**
 * Signs a development token with the dev issuer's persisted key (created if absent). The claims
 * are checked with the same schema services verify with, so a minted token is never refused for its claims.
 */
export const mintDevToken = async (claims: DevTokenClaims, opts: MintDevTokenOptions = {}): Promise<string> => {
  const subject = claims.subject ?? `dev-${claims.agency}-${claims.roles[0] ?? 'staff'}`;
  const checked = EasiClaims.safeParse({ sub: subject, agency: claims.agency, roles: claims.roles, name: claims.name, team: claims.team });
  if (!checked.success) {
    throw new Error(`cannot mint a dev token: ${describeIssues(checked.error).join('; ')}`);
  }
  const exp = expiry(claims.expiresIn ?? DEV_ISSUER_DEFAULTS.expiresIn);
  const key = await loadOrCreateDevSigningKey(opts.stateDir);
  const { sub, ...easiClaims } = checked.data;
  return new SignJWT(easiClaims)
    .setProtectedHeader({ alg: DEV_SIGNING_ALGORITHM, kid: key.kid, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(opts.issuer ?? (process.env.AUTH_ISSUER?.trim() || DEV_ISSUER_DEFAULTS.issuer))
    .setAudience(opts.audience ?? (process.env.AUTH_AUDIENCE?.trim() || DEV_ISSUER_DEFAULTS.audience))
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(exp)
    .sign(key.privateKey);
};
