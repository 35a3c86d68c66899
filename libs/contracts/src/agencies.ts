import { z } from 'zod';

/**
 * The partner organisations of EASI. Every member of staff acts for exactly one agency, which a
 * bearer token carries in its `agency` claim; what a caller may see is decided per agency
 * (victim details never reach psychology, therapy notes never reach the victim service).
 */
export const AGENCIES = ['police', 'triage-clinic', 'psychology', 'victim-service', 'evaluation'] as const;
export const Agency = z.enum(AGENCIES);
export type Agency = z.infer<typeof Agency>;

/**
 * Staff roles, carried in a token's `roles` claim. Kept in contracts (not only in libs/auth) because
 * workflows name the role a human task is waiting for.
 *
 * - `investigator`: EASI team police staff investigator or investigating officer (screening, assessments, consent).
 * - `supervisor`: the EASI team sergeant (approves eligibility, disposals, breach decisions).
 * - `tactical-lead`: the detective inspector leading EASI (oversight, escalations).
 * - `operator`: platform operator (Temporal UI, dead-letter handling); no caseworker decisions.
 * - `clinic-member`: attendee of the fortnightly triage clinic (police, legal, CPS, victim services, psychology).
 * - `psychologist`: forensic psychologist delivering fACT sessions.
 * - `isac`: independent stalking advocacy caseworker at the victim service.
 * - `evaluator`: university evaluation team member (pseudonymised exports only).
 */
export const ROLES = [
  'investigator',
  'supervisor',
  'tactical-lead',
  'operator',
  'clinic-member',
  'psychologist',
  'isac',
  'evaluator',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/**
 * Which roles a member of each agency may hold. A token whose roles do not belong to its agency
 * is refused, so a route that checks only a role cannot be reached from another agency.
 */
export const ROLES_BY_AGENCY: Record<Agency, readonly Role[]> = {
  police: ['investigator', 'supervisor', 'tactical-lead', 'operator'],
  'triage-clinic': ['clinic-member'],
  psychology: ['psychologist'],
  'victim-service': ['isac'],
  evaluation: ['evaluator'],
};

export const isRoleOfAgency = (agency: Agency, role: Role): boolean => ROLES_BY_AGENCY[agency].includes(role);
