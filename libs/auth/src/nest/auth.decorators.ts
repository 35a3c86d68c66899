import { SetMetadata } from '@nestjs/common';
import type { Agency, Role } from '@easi/contracts';

export const IS_PUBLIC_KEY = 'easi:auth:public';
export const REQUIRED_AGENCIES_KEY = 'easi:auth:agencies';
export const REQUIRED_ROLES_KEY = 'easi:auth:roles';

/** The route (or every route of the controller) answers without a token: health checks, API docs. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * The caller's agency must be one of these. On a class it applies to every route; a method-level
 * list replaces the class-level one for that route.
 */
export const RequireAgency = (...agencies: [Agency, ...Agency[]]) => SetMetadata(REQUIRED_AGENCIES_KEY, agencies);

/** The caller must hold at least one of these roles. Method level replaces class level, as for agencies. */
export const RequireRole = (...roles: [Role, ...Role[]]) => SetMetadata(REQUIRED_ROLES_KEY, roles);
