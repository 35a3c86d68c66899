import type { InstrumentDefinition, ItemDefinition } from '../instrument-types';

const items = (texts: readonly string[], reverse: readonly number[] = []): ItemDefinition[] =>
  texts.map((text, index) => ({ id: `i${index + 1}`, text, ...(reverse.includes(index + 1) ? { reverse: true } : {}) }));

const ids = (numbers: readonly number[]): string[] => numbers.map((n) => `i${n}`);

const SEVEN_POINT = { 1: 'never true', 7: 'always true' } as const;

/** AAQ-II: 7 items, 1-7, total 7-49; higher = more psychological inflexibility. */
export const AAQ_II_V1: InstrumentDefinition = {
  instrument: 'aaq-ii',
  version: 'aaq-ii-1',
  title: 'Acceptance and Action Questionnaire II',
  scale: { kind: 'numeric', min: 1, max: 7, anchors: SEVEN_POINT },
  items: items([
    'Painful memories get in the way of a fulfilling life',
    'Afraid of own feelings',
    'Worries about controlling worries and feelings',
    'Painful memories prevent a fulfilling life',
    'Emotions cause problems in life',
    'Others seem to handle life better',
    'Worries get in the way of success',
  ]),
  scores: [
    {
      id: 'total',
      label: 'AAQ-II total (7-49)',
      method: 'sum',
      items: ids([1, 2, 3, 4, 5, 6, 7]),
      missing: { kind: 'prorate', maxMissing: 1 },
    },
  ],
  notes: ['Totals above roughly 24-28 are reported as suggesting clinical distress; no cut-off is applied here.'],
};

/** CFQ-7: 7 items, 1-7, total 7-49; higher = more cognitive fusion. */
export const CFQ_7_V1: InstrumentDefinition = {
  instrument: 'cfq-7',
  version: 'cfq-7-1',
  title: 'Cognitive Fusion Questionnaire (7 items)',
  scale: { kind: 'numeric', min: 1, max: 7, anchors: SEVEN_POINT },
  items: items([
    'Thoughts cause distress or emotional pain',
    'Caught up in thoughts so cannot do what matters',
    'Over-analyse situations to an unhelpful point',
    'Struggle with own thoughts',
    'Upset with self for having certain thoughts',
    'Tangled up in thoughts',
    'Struggle to let go of upsetting thoughts',
  ]),
  scores: [
    {
      id: 'total',
      label: 'CFQ-7 total (7-49)',
      method: 'sum',
      items: ids([1, 2, 3, 4, 5, 6, 7]),
      missing: { kind: 'prorate', maxMissing: 1 },
    },
  ],
};

const COMPACT_TEXTS = [
  'Can identify what matters in life and pursue it',
  'A big goal is to be free from painful emotions',
  'Rushes through meaningful activities without attention',
  'Tries to stay busy to keep thoughts or feelings away',
  'Acts in line with personal values',
  'Goes out of the way to avoid situations that bring difficult thoughts',
  'Can take thoughts and feelings as they come without acting on them',
  'Will not do things that bring up unpleasant feelings',
  'Acts on autopilot much of the time',
  'Can keep going with what matters even when it is hard',
  'Thoughts and feelings stop the person from doing what matters',
  'Does things without paying attention',
  'Can open up to difficult feelings',
  'Makes choices based on what is important',
  'Tries to get rid of unwanted thoughts',
  'Distracted by thoughts about the past or future',
  'Undertakes things that are meaningful even when hard',
  'Anxiety about unpleasant feelings stops progress',
  'Easily distracted in daily life',
  'Can notice difficult thoughts without being pushed around by them',
  'Behaves in line with personal values',
  'Can be open to painful memories',
  'Clear about what is important in life',
];

const OPENNESS = [2, 4, 6, 8, 11, 13, 15, 18, 20, 22];
const AWARENESS = [3, 9, 12, 16, 19];
const VALUED_ACTION = [1, 5, 7, 10, 14, 17, 21, 23];
const COMPACT_REVERSED = [2, 3, 4, 6, 8, 9, 11, 12, 15, 16, 18, 19];
const COMPACT_UNCERTAIN =
  'Subscale and reverse-scoring mapping taken from a secondary source; confirm against Francis, Dawson & Golijani-Moghaddam (2016).';

const compact = (version: string, max: number, note: string): InstrumentDefinition => ({
  instrument: 'compact',
  version,
  title: 'Comprehensive assessment of ACT processes (CompACT)',
  scale: { kind: 'numeric', min: 0, max, anchors: { 0: 'strongly disagree', [max]: 'strongly agree' } },
  items: items(COMPACT_TEXTS, COMPACT_REVERSED).map((item) => ({ ...item, uncertain: COMPACT_UNCERTAIN })),
  scores: [
    {
      id: 'openness-to-experience',
      label: 'Openness to experience',
      method: 'sum',
      items: ids(OPENNESS),
      missing: { kind: 'prorate', maxMissing: 1 },
    },
    {
      id: 'behavioural-awareness',
      label: 'Behavioural awareness',
      method: 'sum',
      items: ids(AWARENESS),
      missing: { kind: 'prorate', maxMissing: 1 },
    },
    { id: 'valued-action', label: 'Valued action', method: 'sum', items: ids(VALUED_ACTION), missing: { kind: 'prorate', maxMissing: 1 } },
    {
      id: 'total',
      label: 'CompACT total',
      method: 'sum',
      items: ids(COMPACT_TEXTS.map((_, i) => i + 1)),
      missing: { kind: 'prorate', maxMissing: 2 },
    },
  ],
  notes: [note, COMPACT_UNCERTAIN, 'Higher scores mean more psychological flexibility.'],
});

/** The original paper's 0-6 agreement scale (total 0-138). */
export const COMPACT_V1_0_6 = compact(
  'compact-23-0to6',
  6,
  'Scale 0-6 as in the original publication; some sources use 0-4. Configure to match the form used.',
);
/** The 0-4 scale some services use (total 0-92). */
export const COMPACT_V1_0_4 = compact('compact-23-0to4', 4, 'Scale 0-4 as published by some services; the original publication uses 0-6.');
