import type { InstrumentDefinition, ItemDefinition } from '../instrument-types';

const numbered = (
  prefix: string,
  texts: readonly string[],
  extra: Readonly<Record<number, Partial<ItemDefinition>>> = {},
): ItemDefinition[] => texts.map((text, index) => ({ id: `${prefix}${index + 1}`, text, ...extra[index + 1] }));

/** DASH (police version, 2009), 27 yes / no / not known questions, paraphrased short. */
const DASH_ITEMS = numbered(
  'q',
  [
    'Injury in the current incident',
    'Victim very frightened',
    'Victim afraid of further injury or violence',
    'Victim isolated from family or friends',
    'Victim depressed or having suicidal thoughts',
    'Separated or tried to separate within the past year',
    'Conflict over child contact',
    'Constant texting, calling, contact, following, stalking or harassment',
    'Pregnant or a baby in the last 18 months',
    'Children or dependants in the household not the abuser’s',
    'Abuser has hurt the children or dependants',
    'Abuser has threatened to hurt or kill the children or dependants',
    'Abuse happening more often',
    'Abuse getting worse',
    'Abuser controls everything or is excessively jealous',
    'Abuser has used weapons or objects to hurt',
    'Abuser has threatened to kill the victim or someone else',
    'Abuser has tried to strangle, choke, suffocate or drown',
    'Sexual abuse or sexual acts that hurt or degrade',
    'Another person has threatened the victim',
    'Abuser has hurt anyone else',
    'Abuser has mistreated an animal or pet',
    'Financial issues or dependence on the abuser',
    'Abuser has problems with drugs, alcohol or mental health',
    'Abuser has threatened or attempted suicide',
    'Abuser has breached bail, an injunction or an agreement',
    'Abuser has been in trouble with the police or has a criminal history',
  ],
  { 8: { opens: 's-dash' } },
);

export const DASH_V2009: InstrumentDefinition = {
  instrument: 'dash',
  version: 'dash-2009-police-1',
  title: 'DASH risk identification checklist (police)',
  scale: { kind: 'yes-no-not-known' },
  items: DASH_ITEMS,
  scores: [
    {
      id: 'yes-count',
      label: 'Number of "yes" answers',
      method: 'count-yes',
      items: DASH_ITEMS.map((i) => i.id),
      missing: { kind: 'count-answered' },
    },
  ],
  grading: { highAtYes: 14 },
  answersRequired: 'all',
  notes: [
    '14 or more "yes" suggests high risk; below that the grade is the assessor’s professional judgement (no published yes-count for medium).',
    'Every question is answered (yes, no or not known) and the professional judgement (grade and reason) is always recorded; judgement can raise the grade, never lower it.',
    'Item wording paraphrased; use the force’s form for the exact questions.',
  ],
};

/** S-DASH: the 11 stalking screening questions opened by DASH question 8, paraphrased short. */
const S_DASH_ITEMS = numbered('s', [
  'Victim very frightened',
  'Previous criminal history of stalking or harassment',
  'Stalker has vandalised or destroyed property',
  'Turns up unannounced more than three times a week',
  'Follows the victim or loiters near home or work',
  'Has threatened physical or sexual violence',
  'Has harassed family, friends, colleagues or children',
  'Has acted violently to anyone else',
  'Has involved other people in the stalking',
  'Abusing drugs or alcohol',
  'Violent in the past',
]);

export const S_DASH_V1: InstrumentDefinition = {
  instrument: 's-dash',
  version: 's-dash-1',
  title: 'S-DASH stalking screening questions',
  scale: { kind: 'yes-no-not-known' },
  items: S_DASH_ITEMS,
  scores: [
    {
      id: 'yes-count',
      label: 'Number of "yes" answers',
      method: 'count-yes',
      items: S_DASH_ITEMS.map((i) => i.id),
      missing: { kind: 'count-answered' },
    },
  ],
  answersRequired: 'all',
  notes: [
    'Item wording paraphrased and configurable; no scoring threshold is applied.',
    'Every question is answered (yes, no or not known).',
  ],
};
