import type { Flag } from './hit-rules';
import type { HitRow } from './screening-run.repository';

/** Spreadsheets run a cell starting with one of these as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell that a spreadsheet shows as text: formula starts neutralised with a quote, then CSV-quoted. */
export const csvCell = (value: unknown): string => {
  let text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join('; ') : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
};

export const CSV_HEADER = [
  'screening day',
  'source',
  'reference',
  'version',
  'police area',
  'recorded offence family',
  'relationship',
  'suspects',
  'victims',
  'linked reports',
  'possible misclassification confidence',
  'flags',
  'explanations',
  'suggested actions',
  'review task',
  'task status',
  'outcome',
];

const explanationsOf = (flags: readonly Flag[]): string =>
  flags
    .flatMap((f) => f.explanations ?? [])
    .map(
      (e) =>
        `${e.weight >= 0 ? 'for' : 'against'} (${e.rule}): ${e.text}${e.matched.length ? ` (words: ${e.matched.map((m) => `"${m}"`).join(', ')})` : ''}`,
    )
    .join(' | ');

export const toCsvRow = (hit: HitRow): string =>
  [
    hit.day,
    hit.source,
    hit.sourceRef,
    hit.sourceVersion,
    hit.policeArea,
    hit.recordedFamily,
    hit.relationship,
    hit.suspectRefs,
    hit.victimRefs,
    hit.linkedReportRefs,
    hit.misclassificationConfidence,
    hit.flags.map((f) => f.text).join(' | '),
    explanationsOf(hit.flags),
    hit.suggestedActions,
    hit.taskId,
    hit.taskStatus,
    hit.taskOutcome,
  ]
    .map(csvCell)
    .join(',');

export const toCsv = (hits: readonly HitRow[]): string => [CSV_HEADER.map(csvCell).join(','), ...hits.map(toCsvRow)].join('\r\n') + '\r\n';
