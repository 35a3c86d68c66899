import { OffenceFamily, Relationship } from '@easi/contracts';
import { z } from 'zod';

/** One line of a labelled narratives file (JSON Lines). */
export const LabelledNarrative = z
  .object({
    id: z.string().min(1, 'must be a non-empty id'),
    recordedOffence: OffenceFamily,
    relationship: Relationship,
    narrative: z.string().min(1, 'must be a non-empty narrative'),
    linkedReports: z.number().int('must be a whole number').min(0, 'must be 0 or more'),
    expected: z.enum(['stalking', 'not-stalking']),
  })
  .strict();
export type LabelledNarrative = z.infer<typeof LabelledNarrative>;

export type LineError = { line: number; field: string; message: string };

export type ParsedLabelledFile = { ok: true; lines: LabelledNarrative[] } | { ok: false; errors: LineError[] };

/**
 * Parses a JSON Lines file's text. Blank lines are skipped; every bad line is reported with its
 * 1-based line number and the field at fault, so a reviewer can fix the file in one pass.
 */
export const parseLabelledNarratives = (text: string): ParsedLabelledFile => {
  const lines: LabelledNarrative[] = [];
  const errors: LineError[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      errors.push({ line, field: '(line)', message: `not valid JSON: ${(error as Error).message}` });
      return;
    }
    const parsed = LabelledNarrative.safeParse(value);
    if (parsed.success) {
      lines.push(parsed.data);
      return;
    }
    for (const issue of parsed.error.issues) {
      const field = issue.path.length > 0 ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? issue.keys.join(',') : '(root)';
      errors.push({ line, field, message: issue.message });
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, lines };
};
