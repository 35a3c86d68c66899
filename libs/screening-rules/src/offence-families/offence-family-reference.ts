import { OFFENCE_FAMILIES, type OffenceFamily } from '@easi/contracts';

/**
 * How sure we are of a Home Office classification code. Codes marked `uncertain` were not
 * confirmed against the current Home Office Counting Rules and must be checked by the force
 * crime registrar before they drive anything.
 */
export type CodeConfidence = 'known' | 'uncertain';

/**
 * - `screened`: read by the EASI team's daily force-wide screening (the stalking-related families).
 * - `detector-only`: not on the daily list by itself, but read by the misclassified-stalking
 *   detector because stalking is often recorded under these.
 */
export type ScreeningRole = 'screened' | 'detector-only';

export type OffenceFamilyReference = {
  family: OffenceFamily;
  label: string;
  legislation: { act: string; sections: string[] }[];
  /** Home Office classification code(s); empty when the family has no single code. */
  homeOfficeCodes: string[];
  codeConfidence: CodeConfidence;
  screened: boolean;
  role: ScreeningRole;
  /** Why the family is (or is not) screened, or what the code caveat is. */
  note?: string;
};

const PHA = 'Protection from Harassment Act 1997';

/**
 * Seed data for the screening service's offence-family table (its migration inserts this).
 * Codes from the Home Office Counting Rules "Stalking and Harassment" classifications; where a
 * code was not confirmed it is marked `uncertain` rather than guessed with confidence.
 */
export const OFFENCE_FAMILY_SEED: readonly OffenceFamilyReference[] = [
  {
    family: 'stalking',
    label: 'Stalking',
    legislation: [{ act: PHA, sections: ['s2A', 's4A'] }],
    homeOfficeCodes: ['8Q'],
    codeConfidence: 'known',
    screened: true,
    role: 'screened',
    note: 's4A: stalking involving fear of violence or serious alarm or distress.',
  },
  {
    family: 'harassment',
    label: 'Harassment (without fear of violence)',
    legislation: [{ act: PHA, sections: ['s2'] }],
    homeOfficeCodes: ['8L'],
    codeConfidence: 'known',
    screened: true,
    role: 'screened',
  },
  {
    family: 'harassment-fear-of-violence',
    label: 'Harassment putting people in fear of violence',
    legislation: [{ act: PHA, sections: ['s4'] }],
    homeOfficeCodes: ['8L'],
    codeConfidence: 'uncertain',
    screened: true,
    role: 'screened',
    note: 'Counted within the harassment classification; sub-code not confirmed.',
  },
  {
    family: 'racially-aggravated-harassment',
    label: 'Racially or religiously aggravated harassment',
    legislation: [{ act: 'Crime and Disorder Act 1998', sections: ['s32'] }],
    homeOfficeCodes: ['8M'],
    codeConfidence: 'known',
    screened: true,
    role: 'screened',
  },
  {
    family: 'breach-non-molestation-order',
    label: 'Breach of a non-molestation order',
    legislation: [{ act: 'Family Law Act 1996', sections: ['s42A'] }],
    homeOfficeCodes: [],
    codeConfidence: 'uncertain',
    screened: true,
    role: 'screened',
    note: 'Home Office code not confirmed; set it by override once the registrar confirms it.',
  },
  {
    family: 'breach-community-resolution',
    label: 'Breach of a community resolution',
    legislation: [],
    homeOfficeCodes: [],
    codeConfidence: 'uncertain',
    screened: true,
    role: 'screened',
    note: 'A community resolution is an out-of-court disposal, not a statutory order: no offence code of its own.',
  },
  {
    family: 'breach-spo',
    label: 'Breach of a Stalking Protection Order',
    legislation: [{ act: 'Stalking Protection Act 2019', sections: ['s8'] }],
    homeOfficeCodes: [],
    codeConfidence: 'uncertain',
    screened: true,
    role: 'screened',
    note: 'Home Office code not confirmed.',
  },
  {
    family: 'malicious-communications',
    label: 'Malicious communications',
    legislation: [
      { act: 'Malicious Communications Act 1988', sections: ['s1'] },
      { act: 'Communications Act 2003', sections: ['s127'] },
    ],
    homeOfficeCodes: ['8L'],
    codeConfidence: 'uncertain',
    screened: false,
    role: 'detector-only',
    note: 'Repeated unwanted messages are often recorded here; classification within harassment not confirmed.',
  },
  {
    family: 'criminal-damage',
    label: 'Criminal damage',
    legislation: [{ act: 'Criminal Damage Act 1971', sections: ['s1'] }],
    homeOfficeCodes: ['58A', '58B', '58C', '58D'],
    codeConfidence: 'uncertain',
    screened: false,
    role: 'detector-only',
    note: 'Interfering with property is an act associated with stalking.',
  },
  {
    family: 'common-assault',
    label: 'Common assault and battery',
    legislation: [{ act: 'Criminal Justice Act 1988', sections: ['s39'] }],
    homeOfficeCodes: ['105A'],
    codeConfidence: 'uncertain',
    screened: false,
    role: 'detector-only',
  },
  {
    family: 'public-order',
    label: 'Public fear, alarm or distress',
    legislation: [{ act: 'Public Order Act 1986', sections: ['s4', 's4A', 's5'] }],
    homeOfficeCodes: ['9A'],
    codeConfidence: 'known',
    screened: false,
    role: 'detector-only',
  },
  {
    family: 'theft',
    label: 'Theft',
    legislation: [{ act: 'Theft Act 1968', sections: ['s1'] }],
    homeOfficeCodes: [],
    codeConfidence: 'uncertain',
    screened: false,
    role: 'detector-only',
    note: 'Several Home Office theft classifications; none recorded here.',
  },
  {
    family: 'other',
    label: 'Other offences',
    legislation: [],
    homeOfficeCodes: [],
    codeConfidence: 'uncertain',
    screened: false,
    role: 'detector-only',
  },
];

/** A force's change to one family: any field but the family key itself. */
export type OffenceFamilyOverride = Partial<Omit<OffenceFamilyReference, 'family'>> & { family: OffenceFamily };

/**
 * Applies a force's overrides to the seed and returns a new list (the seed is never changed).
 * `screened` and `role` are kept consistent: setting one sets the other.
 */
export const mergeOffenceFamilyOverrides = (
  overrides: readonly OffenceFamilyOverride[],
  base: readonly OffenceFamilyReference[] = OFFENCE_FAMILY_SEED,
): OffenceFamilyReference[] => {
  const byFamily = new Map<OffenceFamily, OffenceFamilyReference>(base.map((entry) => [entry.family, { ...entry }]));
  for (const override of overrides) {
    const current = byFamily.get(override.family);
    if (!current) throw new Error(`unknown offence family: ${override.family}`);
    const merged: OffenceFamilyReference = { ...current, ...override };
    if (override.screened !== undefined && override.role === undefined) {
      merged.role = override.screened ? 'screened' : 'detector-only';
    } else if (override.role !== undefined && override.screened === undefined) {
      merged.screened = override.role === 'screened';
    } else if (override.role !== undefined && override.screened !== undefined && (override.role === 'screened') !== override.screened) {
      throw new Error(`offence family ${override.family}: screened and role disagree`);
    }
    byFamily.set(override.family, merged);
  }
  return OFFENCE_FAMILIES.flatMap((family) => {
    const entry = byFamily.get(family);
    return entry ? [entry] : [];
  });
};

/** The families on the daily screening list. */
export const screenedFamilies = (reference: readonly OffenceFamilyReference[] = OFFENCE_FAMILY_SEED): OffenceFamily[] =>
  reference.filter((entry) => entry.screened).map((entry) => entry.family);

export const findOffenceFamily = (
  family: OffenceFamily,
  reference: readonly OffenceFamilyReference[] = OFFENCE_FAMILY_SEED,
): OffenceFamilyReference | undefined => reference.find((entry) => entry.family === family);
