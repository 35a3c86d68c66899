import { z } from 'zod';
import { Agency, isRoleOfAgency, Role, ROLES_BY_AGENCY } from '@easi/contracts';
import { AuthError } from './auth-error';

/** Who is calling, as the rest of the code sees it: never the raw token. */
export type AuthenticatedUser = {
  /** Pseudonymous staff id (`sub`); safe to write to audit logs and Temporal timelines. */
  subject: string;
  agency: Agency;
  roles: Role[];
  name?: string;
  team?: string;
};

/** The EASI claims of a verified JWT (registered claims are checked by jose). */
export const EasiClaims = z
  .object({
    sub: z.string().trim().min(1, 'is required (pseudonymous staff id)').max(128),
    agency: Agency,
    roles: z.array(Role).min(1, 'must name at least one role'),
    name: z.string().trim().min(1).max(200).optional(),
    team: z.string().trim().min(1).max(100).optional(),
  })
  .superRefine((claims, ctx) => {
    for (const role of claims.roles) {
      if (!isRoleOfAgency(claims.agency, role)) {
        ctx.addIssue({
          code: 'custom',
          path: ['roles'],
          message: `role ${role} does not belong to agency ${claims.agency} (allowed: ${ROLES_BY_AGENCY[claims.agency].join(', ')})`,
        });
      }
    }
  });
export type EasiClaims = z.infer<typeof EasiClaims>;

const describe = (error: z.ZodError, payload: unknown): string => {
  const present = typeof payload === 'object' && payload !== null ? payload : {};
  const problems = error.issues.map((issue) => {
    const claim = issue.path.length ? String(issue.path[0]) : 'claims';
    return issue.path.length === 1 && !(claim in present)
      ? `${claim} claim is missing`
      : `${issue.path.join('.') || claim}: ${issue.message}`;
  });
  return [...new Set(problems)].join('; ');
};

/** Validates the EASI claims of an already verified payload; throws `invalid-claims` naming each problem. */
export const toAuthenticatedUser = (payload: unknown): AuthenticatedUser => {
  const parsed = EasiClaims.safeParse(payload);
  if (!parsed.success) {
    throw new AuthError('invalid-claims', `token claims are invalid: ${describe(parsed.error, payload)}`);
  }
  const { sub, agency, roles, name, team } = parsed.data;
  return {
    subject: sub,
    agency,
    roles: [...new Set(roles)],
    ...(name === undefined ? {} : { name }),
    ...(team === undefined ? {} : { team }),
  };
};
