import { AuthError } from './auth-error';
import { toAuthenticatedUser } from './claims';

const reasonOf = (payload: unknown): string => {
  try {
    toAuthenticatedUser(payload);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe('invalid-claims');
    return (error as AuthError).message;
  }
  throw new Error('expected the claims to be refused');
};

describe('toAuthenticatedUser', () => {
  it('should map sub, agency, roles, name and team when the claims are complete', () => {
    expect(
      toAuthenticatedUser({
        sub: 'staff-17',
        agency: 'police',
        roles: ['investigator', 'supervisor'],
        name: 'Sgt Example',
        team: 'easi-west',
        iss: 'x',
      }),
    ).toEqual({ subject: 'staff-17', agency: 'police', roles: ['investigator', 'supervisor'], name: 'Sgt Example', team: 'easi-west' });
  });

  it('should leave name and team out when the token does not carry them', () => {
    expect(toAuthenticatedUser({ sub: 's', agency: 'psychology', roles: ['psychologist'] })).toEqual({
      subject: 's',
      agency: 'psychology',
      roles: ['psychologist'],
    });
  });

  it('should drop repeated roles when the token lists a role twice', () => {
    expect(toAuthenticatedUser({ sub: 's', agency: 'victim-service', roles: ['isac', 'isac'] }).roles).toEqual(['isac']);
  });

  it('should name the missing claims when agency and roles are absent', () => {
    expect(reasonOf({ sub: 'staff-1' })).toBe('token claims are invalid: agency claim is missing; roles claim is missing');
  });

  it('should refuse the token when the agency is not an EASI agency', () => {
    expect(reasonOf({ sub: 's', agency: 'probation', roles: ['investigator'] })).toMatch(/^token claims are invalid: agency: /);
  });

  it('should refuse the token when roles is empty', () => {
    expect(reasonOf({ sub: 's', agency: 'police', roles: [] })).toContain('roles: must name at least one role');
  });

  it('should refuse the token when a role is unknown', () => {
    expect(reasonOf({ sub: 's', agency: 'police', roles: ['investigator', 'admin'] })).toContain('roles.1: ');
  });

  it('should refuse the token when a role belongs to another agency', () => {
    expect(reasonOf({ sub: 's', agency: 'psychology', roles: ['investigator'] })).toContain(
      'role investigator does not belong to agency psychology (allowed: psychologist)',
    );
  });
});
