import type { InstrumentDefinition, ItemDefinition } from '../instrument-types';

const placeholders = (prefix: string, label: string, count: number, extra: Partial<ItemDefinition> = {}): ItemDefinition[] =>
  Array.from({ length: count }, (_, index) => ({ id: `${prefix}${index + 1}`, text: `${label} ${index + 1}`, ...extra }));

/**
 * SASH (Stalking Assessment Screen): 13 questions plus 3 for ex-partner cases. The tool is
 * licensed and its scoring is not public: the items here are placeholders for the force to
 * configure, and the output is the rater's concern level. No score is computed.
 */
export const SASH_V1: InstrumentDefinition = {
  instrument: 'sash',
  version: 'sash-1-configurable',
  title: 'SASH stalking assessment screen',
  scale: { kind: 'choice', options: ['yes', 'no', 'not-known'] },
  items: [...placeholders('q', 'SASH question', 13), ...placeholders('x', 'SASH ex-partner question', 3, { onlyWhenExPartner: true })],
  scores: [],
  provisional: true,
  answersRequired: 'all',
  notes: [
    'Licensed tool: configure item text from the licensed form.',
    'Output is the rater’s concern level (low / moderate / high); there is deliberately no scoring rule.',
    'Every question is answered (yes, no or not known), the ex-partner questions too in an ex-partner case, so the concern level never rests on a blank form.',
  ],
};

/**
 * SAI (Stalking Assessment Indices), a research measure with a victimisation index and a
 * perpetration index. Item set not confirmed: placeholders to configure, summed per index.
 */
export const SAI_V1: InstrumentDefinition = {
  instrument: 'sai',
  version: 'sai-1-configurable',
  title: 'Stalking Assessment Indices',
  scale: { kind: 'numeric', min: 0, max: 4 },
  items: [...placeholders('v', 'Victimisation index item', 10), ...placeholders('p', 'Perpetration index item', 10)],
  scores: [
    {
      id: 'victimisation',
      label: 'Victimisation index',
      method: 'sum',
      items: Array.from({ length: 10 }, (_, i) => `v${i + 1}`),
      missing: { kind: 'prorate', maxMissing: 1 },
    },
    {
      id: 'perpetration',
      label: 'Perpetration index',
      method: 'sum',
      items: Array.from({ length: 10 }, (_, i) => `p${i + 1}`),
      missing: { kind: 'prorate', maxMissing: 1 },
    },
  ],
  provisional: true,
  notes: ['Item count, wording and response scale are placeholders until the research team supplies the indices.'],
};

/** DARA (College of Policing, replacing DASH): item set not public, so a configurable form; the grade is entered. */
export const DARA_V1: InstrumentDefinition = {
  instrument: 'dara',
  version: 'dara-1-configurable',
  title: 'DARA domestic abuse risk assessment',
  scale: { kind: 'choice', options: ['yes', 'no', 'not-known'] },
  items: placeholders('q', 'DARA question', 18),
  scores: [],
  provisional: true,
  answersRequired: 'all',
  notes: [
    'Item set not public: configure from the force’s form. The risk grade is the assessor’s entry.',
    'Every question is answered (yes, no or not known), so the grade never rests on a blank form.',
  ],
};
