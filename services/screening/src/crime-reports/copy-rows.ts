import { finished } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { CrimeReportV1 } from '@easi/contracts';

/** Characters PostgreSQL's COPY text format escapes with a backslash. */
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIAL_ALL = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field of a COPY text row; null is `\N`. */
export const copyField = (value: string | null | undefined): string =>
  value === null || value === undefined
    ? '\\N'
    : COPY_SPECIAL.test(value)
      ? value.replace(COPY_SPECIAL_ALL, (c) => COPY_ESCAPES[c]!)
      : value;

const ARRAY_SPECIAL = /["\\]/g;

/** A text[] literal with every element quoted, so commas, braces and spaces stay inside it. */
export const textArray = (values: readonly string[]): string => `{${values.map((v) => `"${v.replace(ARRAY_SPECIAL, '\\$&')}"`).join(',')}}`;

/** The crime_report_version columns `crimeReportCopyRow` writes, in its order. */
export const VERSION_COPY_COLUMNS = [
  'report_ref',
  'version',
  'change_type',
  'police_area',
  'recorded_family',
  'home_office_code',
  'legislation',
  'relationship',
  'suspects',
  'victim_refs',
  'narrative',
  'linked_report_refs',
  'occurred_at',
  'recorded_at',
  'received_via',
] as const;

/** A validated report as one line of COPY text (the schema leaves timestamps as ISO strings with offset). */
export const crimeReportCopyRow = (r: CrimeReportV1, via: string): string =>
  [
    copyField(r.reportRef),
    String(r.version),
    copyField(r.changeType),
    copyField(r.policeArea),
    copyField(r.recordedOffence.family),
    copyField(r.recordedOffence.homeOfficeCode),
    copyField(r.recordedOffence.legislation),
    copyField(r.relationshipToVictim),
    copyField(JSON.stringify(r.suspects)),
    copyField(textArray(r.victimRefs)),
    copyField(r.narrative),
    copyField(textArray(r.linkedReportRefs)),
    copyField(r.occurredAt),
    copyField(r.recordedAt),
    copyField(via),
  ].join('\t') + '\n';

export const PARTY_COPY_COLUMNS = ['report_ref', 'version', 'suspect_ref', 'victim_ref', 'recorded_at'] as const;

/** One party row per distinct suspect and victim; a report without victims links its suspects to ''. */
export const partyCopyRows = (r: CrimeReportV1): string => {
  const lines = new Set<string>();
  const prefix = `${copyField(r.reportRef)}\t${r.version}\t`;
  const suffix = `\t${copyField(r.recordedAt)}\n`;
  for (const suspect of r.suspects) {
    for (const victim of r.victimRefs.length > 0 ? r.victimRefs : [''])
      lines.add(`${prefix}${copyField(suspect.personRef)}\t${copyField(victim)}${suffix}`);
  }
  return [...lines].join('');
};

/** Streams COPY text into a table on the transaction's own connection. */
export const copyIn = async (client: PoolClient, statement: string, text: string): Promise<void> => {
  if (text.length === 0) return;
  const stream = client.query(copyFrom(statement));
  stream.end(text);
  await finished(stream);
};
