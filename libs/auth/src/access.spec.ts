import { assertAccess } from './access';
import { AuthError, httpStatusOf } from './auth-error';
import type { AuthenticatedUser } from './claims';

const investigator: AuthenticatedUser = { subject: 'staff-1', agency: 'police', roles: ['investigator'] };

const refusal = (run: () => void): AuthError => {
  try {
    run();
  } catch (error) {
    if (error instanceof AuthError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected access to be refused');
};

describe('assertAccess', () => {
  it('should allow the caller when nothing is required', () => {
    expect(() => assertAccess(investigator, {})).not.toThrow();
  });

  it('should allow the caller when the agency and one of the roles match', () => {
    expect(() =>
      assertAccess(investigator, { agencies: ['police', 'triage-clinic'], roles: ['supervisor', 'investigator'] }),
    ).not.toThrow();
  });

  it('should name the required agency when the caller is from another agency', () => {
    const error = refusal(() => assertAccess(investigator, { agencies: ['psychology'] }));
    expect(error.code).toBe('forbidden-agency');
    expect(error.message).toBe("requires agency psychology; the token's agency is police");
    expect(httpStatusOf(error.code)).toBe(403);
  });

  it('should list every accepted role when the caller holds none of them', () => {
    const error = refusal(() => assertAccess(investigator, { roles: ['supervisor', 'tactical-lead'] }));
    expect(error.code).toBe('forbidden-role');
    expect(error.message).toBe("requires role one of supervisor, tactical-lead; the token's roles are investigator");
  });
});
