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

/** Pushes the word's tokens (two for a contraction with n't) and says how many it pushed. */
const pushWord = (tokens: Token[], raw: string, start: number): number => {
  const lowered = raw.toLowerCase();
  const lower = lowered.includes('’') ? lowered.replace(/’/g, "'") : lowered;
  const end = start + raw.length;
  // Both halves keep the whole word's span so quotes read "didn't follow", not "n't follow".
  if (lower.endsWith("n't")) {
    const stem = lower.slice(0, -3);
    tokens.push({ norm: NEGATED_STEMS[stem] ?? stem, start, end });
    tokens.push({ norm: 'not', start, end });
    return 2;
  }
  if (lower === 'cannot') {
    tokens.push({ norm: 'can', start, end });
    tokens.push({ norm: 'not', start, end });
    return 2;
  }
  const apostrophe = lower.indexOf("'");
  // Possessive and contracted endings ('s, 'll, 've, 'd, 're, 'm) add nothing the rules read.
  const cut = apostrophe > 0 ? lower.slice(0, apostrophe) : lower;
  const norm = cut.startsWith('£') ? 'money' : cut;
  // A possessive flag only when set, so tokens look the same as ever to callers and tests.
  if (apostrophe > 0 && lower.length === apostrophe + 2 && lower.endsWith("'s")) tokens.push({ norm, start, end, possessive: true });
  else tokens.push({ norm, start, end });
  return 1;
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
const wordEnd = (body: string, start: number, stop: number): number => {
  let at = start;
  while (at < stop && isWordChar(body.charCodeAt(at))) at += 1;
  while (at + 1 < stop && isApostrophe(body.charCodeAt(at)) && isLetter(body.charCodeAt(at + 1))) {
    at += 2;
    while (at < stop && isLetter(body.charCodeAt(at))) at += 1;
  }
  return at;
};

/**
 * Reads the words of body[from, to), a piece of a sentence between clause punctuation, into
 * clauses, starting a new clause at each contrastive word. `offset` is where body starts in the text.
 */
const readPiece = (clauses: Clause[], body: string, from: number, to: number, offset: number, sentence: number): void => {
  let current: Token[] = [];
  let at = from;
  while (at < to) {
    if (!isWordChar(body.charCodeAt(at))) {
      at += 1;
      continue;
    }
    const end = wordEnd(body, at, to);
    const pushed = pushWord(current, body.slice(at, end), offset + at);
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
      readPiece(clauses, body, pieceStart, match.index, start, sentenceIndex);
      pieceStart = match.index + match[0].length;
    }
    readPiece(clauses, body, pieceStart, body.length, start, sentenceIndex);
  }
  return { text, clauses };
};
