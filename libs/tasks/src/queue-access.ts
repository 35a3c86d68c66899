import type { AuthenticatedUser } from '@easi/auth';
import type { Agency, InboxQueue, Role } from '@easi/contracts';

/** Who may see and act on each inbox: the agency team, never another agency's people. */
export const QUEUE_ACCESS: Record<InboxQueue, { agencies: readonly Agency[]; roles: readonly Role[] }> = {
  'easi-team': { agencies: ['police'], roles: ['investigator', 'supervisor', 'tactical-lead'] },
  supervisors: { agencies: ['police'], roles: ['supervisor', 'tactical-lead'] },
  'triage-clinic': { agencies: ['triage-clinic', 'police'], roles: ['clinic-member', 'supervisor', 'tactical-lead'] },
  psychology: { agencies: ['psychology'], roles: ['psychologist'] },
  'victim-service': { agencies: ['victim-service'], roles: ['isac'] },
};

export const mayUseQueue = (user: AuthenticatedUser, queue: InboxQueue): boolean => {
  const access = QUEUE_ACCESS[queue];
  return access.agencies.includes(user.agency) && user.roles.some((r) => access.roles.includes(r));
};

export const isSupervisor = (user: AuthenticatedUser): boolean =>
  user.agency === 'police' && user.roles.some((r) => r === 'supervisor' || r === 'tactical-lead');

/** Staff reference written to timelines and audit rows: pseudonymous subject and agency, no names. */
export const actorOf = (user: AuthenticatedUser): string => `${user.agency}:${user.subject}`;

/** The agency and subject of an `actorOf` reference (the subject may itself hold a colon; a bare subject is police staff). */
export const actorParts = (actor: string): { agency: string; subject: string } => {
  const colon = actor.indexOf(':');
  return colon > 0 ? { agency: actor.slice(0, colon), subject: actor.slice(colon + 1) } : { agency: 'police', subject: actor };
};
