import { compilePattern, findInClause } from './pattern';
import { tokenise } from './tokenise';

const words = (text: string): string[][] => tokenise(text).clauses.map((clause) => clause.tokens.map((token) => token.norm));

describe('tokenise', () => {
  it('should split contractions into a negation when a verb ends in n’t', () => {
    expect(words("He didn't follow her and won't stop; she can't sleep")).toEqual([
      ['he', 'did', 'not', 'follow', 'her', 'and', 'will', 'not', 'stop'],
      ['she', 'can', 'not', 'sleep'],
    ]);
  });

  it('should start a new clause when a contrastive word or punctuation separates ideas', () => {
    expect(words('S did not threaten her, but he waited outside. Again.')).toEqual([
      ['s', 'did', 'not', 'threaten', 'her'],
      ['he', 'waited', 'outside'],
      ['again'],
    ]);
  });

  it('should mark possessives when a name takes ’s', () => {
    const [clause] = tokenise("V's car").clauses;
    expect(clause.tokens[0]).toMatchObject({ norm: 'v', possessive: true });
  });

  it('should keep character spans so quotes come from the original text when tokenising', () => {
    const text = 'Turned up at HER work';
    const [clause] = tokenise(text).clauses;
    expect(text.slice(clause.tokens[3].start, clause.tokens[4].end)).toBe('HER work');
  });
});

describe('proximity patterns', () => {
  const clause = (text: string) => tokenise(text).clauses[0];

  it('should match within the allowed gap when words sit close together', () => {
    expect(findInClause(compilePattern('waited ~3 outside ~2 @home'), clause('he waited for hours outside her house'))).toEqual([
      { first: 1, last: 6 },
    ]);
  });

  it('should not match when the gap is longer than allowed', () => {
    expect(findInClause(compilePattern('followed ~1 @obj'), clause('he followed the car down the road with her'))).toEqual([]);
  });

  it('should treat a ?word as optional when it is absent', () => {
    expect(findInClause(compilePattern('turned ~1 ?up at'), clause('he turned at the corner'))).toHaveLength(1);
  });

  it('should match numbers of two or more and number words when a pattern uses @num', () => {
    const pattern = compilePattern('@num ~1 messages');
    expect(findInClause(pattern, clause('sent 40 messages'))).toHaveLength(1);
    expect(findInClause(pattern, clause('sent dozens of messages'))).toHaveLength(1);
    expect(findInClause(pattern, clause('sent 1 message'))).toHaveLength(0);
  });

  it('should refuse a pattern when it starts with a gap', () => {
    expect(() => compilePattern('~2 her')).toThrow(/start with a required word/);
  });
});
