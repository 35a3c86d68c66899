import { httpStatusOf, type AuthErrorCode } from './auth-error';

describe('httpStatusOf', () => {
  it.each<[AuthErrorCode, number]>([
    ['missing-token', 401],
    ['malformed-header', 401],
    ['invalid-signature', 401],
    ['token-expired', 401],
    ['wrong-issuer', 401],
    ['invalid-claims', 401],
    ['forbidden-agency', 403],
    ['forbidden-role', 403],
    ['keys-unavailable', 503],
  ])('should answer %s with %i when the guard refuses for that reason', (code, status) => {
    expect(httpStatusOf(code)).toBe(status);
  });
});
