import { z } from 'zod';
import { isStorableDateTime, storableText, UNSTORABLE_DATE_TIME_MESSAGE } from './storable';

/**
 * A pseudonymous reference issued by the source system (never a name, date of birth or
 * address). Letters, digits and . _ : - only, so it is safe in workflow ids and search attributes.
 */
export const PseudoRef = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{2,63}$/, 'must be a pseudonymous reference: 3-64 letters, digits, . _ : -');

export const PoliceArea = z.string().regex(/^[A-Za-z0-9-]{2,16}$/, 'must be a police area code: 2-16 letters, digits or -');

/** Refines out what `timestamptz` cannot hold (year 0000, offsets beyond ±15:59), so it is a 400 or a dead letter, not a database error. */
export const IsoDateTime = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 date-time with offset, e.g. 2026-11-25T09:30:00Z' })
  .refine(isStorableDateTime, UNSTORABLE_DATE_TIME_MESSAGE);

/** Offence families read by screening (Home Office families plus the wider set the detector reads). */
export const OFFENCE_FAMILIES = [
  'stalking',
  'harassment',
  'harassment-fear-of-violence',
  'racially-aggravated-harassment',
  'breach-non-molestation-order',
  'breach-community-resolution',
  'breach-spo',
  'malicious-communications',
  'criminal-damage',
  'common-assault',
  'public-order',
  'theft',
  'other',
] as const;
export const OffenceFamily = z.enum(OFFENCE_FAMILIES);
export type OffenceFamily = z.infer<typeof OffenceFamily>;

export const RELATIONSHIPS = [
  'former-partner',
  'partner',
  'family',
  'acquaintance',
  'neighbour',
  'stranger',
  'colleague',
  'unknown',
] as const;
/** Relationship of the suspect to the victim. */
export const Relationship = z.enum(RELATIONSHIPS);
export type Relationship = z.infer<typeof Relationship>;

export const Offence = z.object({
  family: OffenceFamily,
  /** Home Office classification code where the source system has one, e.g. "8Q". */
  homeOfficeCode: z
    .string()
    .regex(/^[A-Za-z0-9/.-]{1,16}$/, 'must be a Home Office code such as 8Q')
    .optional(),
  /** Act and section as recorded, e.g. "PHA 1997 s2A". */
  legislation: storableText(120).optional(),
});
export type Offence = z.infer<typeof Offence>;

export const Suspect = z.object({
  personRef: PseudoRef,
  /** Age in whole years on the day of the event (eligibility needs adults). */
  ageYears: z.number().int().min(10).max(120).optional(),
  residesInForceArea: z.boolean().optional(),
});
export type Suspect = z.infer<typeof Suspect>;

/** Turns zod issues into "field: message" strings that an API caller can act on. */
export const describeIssues = (error: z.ZodError): string[] =>
  error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
