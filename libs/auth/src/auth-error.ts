/** Why a request was refused. Each code maps to exactly one HTTP status in `httpStatusOf`. */
export type AuthErrorCode =
  | 'missing-token'
  | 'malformed-header'
  | 'malformed-token'
  | 'unsupported-algorithm'
  | 'unknown-signing-key'
  | 'invalid-signature'
  | 'token-expired'
  | 'token-not-yet-valid'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'invalid-claims'
  | 'keys-unavailable'
  | 'forbidden-agency'
  | 'forbidden-role';

export class AuthError extends Error {
  override readonly name = 'AuthError';

  constructor(
    readonly code: AuthErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type AuthHttpStatus = 401 | 403 | 503;

const assertUnreachable = (value: never): never => {
  throw new Error(`unhandled auth error code: ${String(value)}`);
};

export const httpStatusOf = (code: AuthErrorCode): AuthHttpStatus => {
  switch (code) {
    case 'missing-token':
    case 'malformed-header':
    case 'malformed-token':
    case 'unsupported-algorithm':
    case 'unknown-signing-key':
    case 'invalid-signature':
    case 'token-expired':
    case 'token-not-yet-valid':
    case 'wrong-issuer':
    case 'wrong-audience':
    case 'invalid-claims':
      return 401;
    case 'forbidden-agency':
    case 'forbidden-role':
      return 403;
    // The caller's token may be fine; we cannot check it because the issuer's keys are unreachable.
    case 'keys-unavailable':
      return 503;
    default:
      return assertUnreachable(code);
  }
};
