/** A word of the narrative, lower-cased, with its character span in the original text. */
export type Token = { norm: string; start: number; end: number; possessive?: boolean };

/**
 * A clause: the unit that negation and proximity work within. Sentences are split at
 * ; : , ( ) and at contrastive words ("but", "however"), because a negation before "but"
 * does not reach the words after it ("did not threaten her but waited outside her house").
 */
export type Clause = { tokens: Token[]; sentence: number };

export type TokenisedText = { text: string; clauses: Clause[] };

const CONTRASTIVE = new Set(['but', 'however', 'although', 'though', 'whereas', 'whilst', 'while']);

// "won't" -> will not, "can't" -> can not: the stem before n't is not always the word.
const NEGATED_STEMS: Record<string, string> = { wo: 'will', ca: 'can', sha: 'shall', ai: 'is' };

const SENTENCE_END = /[.!?]+(?=\s|$)|\n+/g;

/** What a written word reads as: one norm, or two for a contraction with n't ("didn't" -> did not). */
type WordReading = { norms: readonly string[]; possessive: boolean };

const readWord = (raw: string): WordReading => {
  const lowered = raw.toLowerCase();
  const lower = lowered.includes('’') ? lowered.replace(/’/g, "'") : lowered;
  if (lower.endsWith("n't")) {
    const stem = lower.slice(0, -3);
    return { norms: [NEGATED_STEMS[stem] ?? stem, 'not'], possessive: false };
  }
  if (lower === 'cannot') return { norms: ['can', 'not'], possessive: false };
  const apostrophe = lower.indexOf("'");
  // Possessive and contracted endings ('s, 'll, 've, 'd, 're, 'm) add nothing the rules read.
  const cut = apostrophe > 0 ? lower.slice(0, apostrophe) : lower;
  return { norms: [cut.startsWith('£') ? 'money' : cut], possessive: apostrophe > 0 && lower.slice(apostrophe) === "'s" };
};

/** A word already read; words whose hashes collide are chained. */
type Remembered = { raw: string; reading: WordReading; next: Remembered | undefined };

/**
 * Readings of words already seen, keyed by a hash of the word's characters. Reports share most
 * of their words, so a word seen before costs neither a substring nor lower-casing, and the
 * shared norm strings keep their hash for the scanner's lookups. Bounded, because names,
 * numbers and typos never run out.
 */
const READINGS = new Map<number, Remembered>();
const READINGS_LIMIT = 50_000;
let readingCount = 0;

const recall = (text: string, start: number, end: number): WordReading => {
  let hash = 0;
  // Kept within 30 bits so the key stays a small integer, which a Map hashes fastest.
  for (let at = start; at < end; at += 1) hash = (Math.imul(hash, 31) + text.charCodeAt(at)) & 0x3fffffff;
  const length = end - start;
  let chain = READINGS.get(hash);
  for (let entry = chain; entry !== undefined; entry = entry.next) {
    if (entry.raw.length === length && text.startsWith(entry.raw, start)) return entry.reading;
  }
  const raw = text.slice(start, end);
  const reading = readWord(raw);
  if (readingCount >= READINGS_LIMIT) {
    READINGS.clear();
    readingCount = 0;
    chain = undefined;
  }
  READINGS.set(hash, { raw, reading, next: chain });
  readingCount += 1;
  return reading;
};

/** Pushes the tokens of the word text[start, end) and says how many it pushed. */
const pushWord = (tokens: Token[], text: string, start: number, end: number): number => {
  const reading = recall(text, start, end);
  const { norms } = reading;
  // Both halves of a contraction keep the whole word's span so quotes read "didn't follow", not "n't follow".
  for (const norm of norms) {
    // A possessive flag only when set, so tokens look the same as ever to callers and tests.
    tokens.push(reading.possessive ? { norm, start, end, possessive: true } : { norm, start, end });
  }
  return norms.length;
};

// The loops below use exec on the shared global expressions rather than matchAll, which
// allocates an iterator and a regex clone per call; none of them can match an empty string.

const splitSentences = (text: string): { start: number; body: string }[] => {
  const sentences: { start: number; body: string }[] = [];
  let last = 0;
  SENTENCE_END.lastIndex = 0;
  for (let match = SENTENCE_END.exec(text); match !== null; match = SENTENCE_END.exec(text)) {
    sentences.push({ start: last, body: text.slice(last, match.index) });
    last = match.index + match[0].length;
  }
  if (last < text.length) sentences.push({ start: last, body: text.slice(last) });
  return sentences;
};

const CLAUSE_PUNCTUATION = /[;:,()\u2013\u2014"“”]|\s-\s/g;

const isLetter = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
const isWordChar = (code: number): boolean => isLetter(code) || (code >= 48 && code <= 57) || code === 0xa3; // £
const isApostrophe = (code: number): boolean => code === 39 || code === 0x2019; // ' and ’

/**
 * The end of the word that starts at `start`: a run of letters, digits and £, then any number
 * of an apostrophe (' or ’) followed by letters, as the regex
 * `[A-Za-z0-9£]+(?:['’][A-Za-z]+)` followed by `*` that this replaces. Read by hand because one regex match object per word was the
 * tokeniser's largest cost.
 */
const wordEnd = (text: string, start: number, stop: number): number => {
  let at = start;
  while (at < stop && isWordChar(text.charCodeAt(at))) at += 1;
  while (at + 1 < stop && isApostrophe(text.charCodeAt(at)) && isLetter(text.charCodeAt(at + 1))) {
    at += 2;
    while (at < stop && isLetter(text.charCodeAt(at))) at += 1;
  }
  return at;
};

/**
 * Reads the words of text[from, to), a piece of a sentence between clause punctuation, into
 * clauses, starting a new clause at each contrastive word. It reads the whole text rather than
 * the sentence's slice: character reads from a slice cost more, and the spans are then the text's.
 */
const readPiece = (clauses: Clause[], text: string, from: number, to: number, sentence: number): void => {
  let current: Token[] = [];
  let at = from;
  while (at < to) {
    if (!isWordChar(text.charCodeAt(at))) {
      at += 1;
      continue;
    }
    const end = wordEnd(text, at, to);
    const pushed = pushWord(current, text, at, end);
    at = end;
    if (pushed === 1 && CONTRASTIVE.has(current[current.length - 1].norm)) {
      current.pop();
      if (current.length > 0) clauses.push({ tokens: current, sentence });
      current = [];
    }
  }
  if (current.length > 0) clauses.push({ tokens: current, sentence });
};

export const tokenise = (text: string): TokenisedText => {
  const clauses: Clause[] = [];
  const sentences = splitSentences(text);
  for (let sentenceIndex = 0; sentenceIndex < sentences.length; sentenceIndex += 1) {
    const { start, body } = sentences[sentenceIndex];
    let pieceStart = 0;
    CLAUSE_PUNCTUATION.lastIndex = 0;
    for (let match = CLAUSE_PUNCTUATION.exec(body); match !== null; match = CLAUSE_PUNCTUATION.exec(body)) {
      readPiece(clauses, text, start + pieceStart, start + match.index, sentenceIndex);
      pieceStart = match.index + match[0].length;
    }
    readPiece(clauses, text, start + pieceStart, start + body.length, sentenceIndex);
  }
  return { text, clauses };
};
