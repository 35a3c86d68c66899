import { AAQ_II_V1, CFQ_7_V1, COMPACT_V1_0_4, COMPACT_V1_0_6, SAI_V1 } from './definitions';
import type { Answers } from './instrument-types';
import { itemValue, scoreAnswers, validateAnswers } from './scoring';

const all = (ids: readonly string[], value: number): Record<string, number> => Object.fromEntries(ids.map((id) => [id, value]));
const score = (result: ReturnType<typeof scoreAnswers>, id: string) => result.find((s) => s.id === id);

describe('AAQ-II and CFQ-7 scoring', () => {
  const ids = AAQ_II_V1.items.map((i) => i.id);

  it.each([
    [1, 7],
    [4, 28],
    [7, 49],
  ])('should total %i on every item to %i when complete', (answer, total) => {
    expect(score(scoreAnswers(AAQ_II_V1, all(ids, answer)), 'total')).toMatchObject({ value: total, prorated: false, missingItems: [] });
  });

  it('should prorate from the mean when one item is missing', () => {
    const answers = { ...all(ids, 4), i7: null, i1: 7 };
    // answered: 7 + 4 x 5 = 27 over 6 items, x 7 = 31.5
    expect(score(scoreAnswers(AAQ_II_V1, answers), 'total')).toMatchObject({
      value: 31.5,
      prorated: true,
      missingItems: ['i7'],
      answered: 6,
    });
  });

  it('should give no total with a reason when two items are missing', () => {
    const { i1: _a, i2: _b, ...answers } = all(ids, 3);
    const total = score(scoreAnswers(AAQ_II_V1, answers), 'total');
    expect(total).toMatchObject({ value: null, missingItems: ['i1', 'i2'] });
    expect(total?.reason).toMatch(/2 of 7 missing/);
  });

  it('should score CFQ-7 from 7 to 49 when every item is answered', () => {
    expect(
      score(
        scoreAnswers(
          CFQ_7_V1,
          all(
            CFQ_7_V1.items.map((i) => i.id),
            7,
          ),
        ),
        'total',
      )?.value,
    ).toBe(49);
  });

  it('should refuse answers when they are outside 1-7 or not whole numbers', () => {
    expect(validateAnswers(AAQ_II_V1, { i1: 0, i2: 8, i3: 2.5, i4: 'yes' })).toEqual([
      { item: 'i1', message: 'must be a whole number from 1 to 7' },
      { item: 'i2', message: 'must be a whole number from 1 to 7' },
      { item: 'i3', message: 'must be a whole number from 1 to 7' },
      { item: 'i4', message: 'must be a whole number from 1 to 7' },
    ]);
  });

  it('should refuse an item when the version does not have it', () => {
    expect(validateAnswers(AAQ_II_V1, { i8: 3 })).toEqual([{ item: 'i8', message: 'not an item of aaq-ii aaq-ii-1' }]);
  });
});

describe('CompACT scoring', () => {
  const ids = COMPACT_V1_0_6.items.map((i) => i.id);

  it('should have 23 items in three subscales of 10, 5 and 8 when defined', () => {
    expect(ids).toHaveLength(23);
    const sizes = COMPACT_V1_0_6.scores.filter((s) => s.id !== 'total').map((s) => s.items.length);
    expect(sizes).toEqual([10, 5, 8]);
    const union = new Set(COMPACT_V1_0_6.scores.filter((s) => s.id !== 'total').flatMap((s) => s.items));
    expect(union.size).toBe(23);
  });

  it('should score (min + max - answer) when an item is reverse-scored', () => {
    const reversed = COMPACT_V1_0_6.items.find((i) => i.id === 'i2');
    const direct = COMPACT_V1_0_6.items.find((i) => i.id === 'i1');
    if (!reversed || !direct) throw new Error('fixture');
    expect(reversed.reverse).toBe(true);
    expect(itemValue(COMPACT_V1_0_6, reversed, 6)).toBe(0);
    expect(itemValue(COMPACT_V1_0_6, reversed, 1)).toBe(5);
    expect(itemValue(COMPACT_V1_0_6, direct, 6)).toBe(6);
    expect(itemValue(COMPACT_V1_0_4, reversed, 4)).toBe(0);
  });

  it('should give the most flexible score when direct items are strongly agreed and reversed items strongly disagreed', () => {
    const answers: Answers = Object.fromEntries(COMPACT_V1_0_6.items.map((i) => [i.id, i.reverse ? 0 : 6]));
    const result = scoreAnswers(COMPACT_V1_0_6, answers);
    expect(score(result, 'openness-to-experience')?.value).toBe(60);
    expect(score(result, 'behavioural-awareness')?.value).toBe(30);
    expect(score(result, 'valued-action')?.value).toBe(48);
    expect(score(result, 'total')?.value).toBe(138);
  });

  it('should use the configured scale when the 0-4 version is chosen', () => {
    const answers: Answers = Object.fromEntries(COMPACT_V1_0_4.items.map((i) => [i.id, i.reverse ? 0 : 4]));
    expect(score(scoreAnswers(COMPACT_V1_0_4, answers), 'total')?.value).toBe(92);
    expect(validateAnswers(COMPACT_V1_0_4, { i1: 5 })).toHaveLength(1);
  });

  it('should apply the missing-data rule per subscale when items are missing', () => {
    const answers: Record<string, number | null> = Object.fromEntries(ids.map((id) => [id, 3]));
    answers.i3 = null;
    answers.i9 = null;
    const result = scoreAnswers(COMPACT_V1_0_6, answers);
    expect(score(result, 'behavioural-awareness')).toMatchObject({ value: null, missingItems: ['i3', 'i9'] });
    expect(score(result, 'valued-action')).toMatchObject({ value: 24, prorated: false });
    expect(score(result, 'total')).toMatchObject({ value: 69, prorated: true });
  });

  it('should mark the mapping as uncertain when sources differ', () => {
    expect(COMPACT_V1_0_6.items.every((i) => i.uncertain)).toBe(true);
    expect(COMPACT_V1_0_6.notes?.join(' ')).toMatch(/0-4/);
  });
});

describe('SAI scoring', () => {
  it('should total the victimisation and perpetration indices separately when answered', () => {
    const answers = { ...all(SAI_V1.scores[0].items, 2), ...all(SAI_V1.scores[1].items, 1) };
    const result = scoreAnswers(SAI_V1, answers);
    expect(score(result, 'victimisation')?.value).toBe(20);
    expect(score(result, 'perpetration')?.value).toBe(10);
  });

  it('should leave an index without a total when too many of its items are missing', () => {
    const answers = all(SAI_V1.scores[0].items.slice(0, 7), 2);
    expect(score(scoreAnswers(SAI_V1, answers), 'victimisation')?.value).toBeNull();
  });
});
