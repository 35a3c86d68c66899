import type { Agency, Role } from '@easi/contracts';
import { AuthError } from './auth-error';
import type { AuthenticatedUser } from './claims';

/** What a route demands: any one of the agencies, and any one of the roles (each list optional). */
export type AccessRequirement = {
  agencies?: readonly Agency[];
  roles?: readonly Role[];
};

const oneOf = (values: readonly string[]): string => (values.length === 1 ? values[0] : `one of ${values.join(', ')}`);

/** Throws `forbidden-agency` / `forbidden-role` naming what is required; returns quietly when allowed. */
export const assertAccess = (user: AuthenticatedUser, required: AccessRequirement): void => {
  if (required.agencies?.length && !required.agencies.includes(user.agency)) {
    throw new AuthError('forbidden-agency', `requires agency ${oneOf(required.agencies)}; the token's agency is ${user.agency}`);
  }
  if (required.roles?.length && !required.roles.some((role) => user.roles.includes(role))) {
    throw new AuthError('forbidden-role', `requires role ${oneOf(required.roles)}; the token's roles are ${user.roles.join(', ')}`);
  }
};
