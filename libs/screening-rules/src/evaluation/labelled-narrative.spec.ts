import { evaluateDetector } from './evaluate-detector';
import { parseLabelledNarratives } from './labelled-narrative';

const line = (overrides: Record<string, unknown> = {}): string =>
  JSON.stringify({
    id: 'X-1',
    recordedOffence: 'harassment',
    relationship: 'former-partner',
    narrative: 'He keeps sending her messages and waiting outside her house.',
    linkedReports: 1,
    expected: 'stalking',
    ...overrides,
  });

describe('parseLabelledNarratives', () => {
  it('should parse every line and skip blank lines when the file is valid', () => {
    const parsed = parseLabelledNarratives(`${line()}\n\n${line({ id: 'X-2', expected: 'not-stalking' })}\n`);
    expect(parsed).toMatchObject({ ok: true, lines: [{ id: 'X-1' }, { id: 'X-2' }] });
  });

  it('should name the line and the field when a value is invalid', () => {
    const parsed = parseLabelledNarratives(`${line()}\n${line({ relationship: 'cousin' })}\n${line({ linkedReports: -1 })}`);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      expect.objectContaining({ line: 2, field: 'relationship' }),
      expect.objectContaining({ line: 3, field: 'linkedReports', message: 'must be 0 or more' }),
    ]);
  });

  it('should report the field by name when a field is missing or unknown', () => {
    const { expected: _dropped, ...withoutExpected } = JSON.parse(line()) as Record<string, unknown>;
    const parsed = parseLabelledNarratives(`${JSON.stringify(withoutExpected)}\n${line({ extra: 1 })}`);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => [e.line, e.field])).toEqual([
      [1, 'expected'],
      [2, 'extra'],
    ]);
  });

  it('should report the line when it is not JSON', () => {
    const parsed = parseLabelledNarratives('{not json');
    expect(parsed).toMatchObject({ ok: false, errors: [{ line: 1, field: '(line)' }] });
  });
});

describe('evaluateDetector', () => {
  it('should leave out lines already recorded as stalking when scoring', () => {
    const parsed = parseLabelledNarratives([line(), line({ id: 'X-2', recordedOffence: 'stalking', expected: 'not-stalking' })].join('\n'));
    if (!parsed.ok) throw new Error('fixture');
    const { scores, cases } = evaluateDetector(parsed.lines);
    expect(cases).toHaveLength(1);
    expect(scores).toMatchObject({ tp: 1, fp: 0, fn: 0, tn: 0 });
  });
});
