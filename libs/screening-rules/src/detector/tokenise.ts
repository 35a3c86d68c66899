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

const WORD = /[A-Za-z0-9£]+(?:['’][A-Za-z]+)*/g;
const SENTENCE_END = /[.!?]+(?=\s|$)|\n+/g;

const pushWord = (tokens: Token[], raw: string, start: number): void => {
  const lower = raw.toLowerCase().replace(/’/g, "'");
  const end = start + raw.length;
  // Both halves keep the whole word's span so quotes read "didn't follow", not "n't follow".
  if (lower.endsWith("n't")) {
    const stem = lower.slice(0, -3);
    tokens.push({ norm: NEGATED_STEMS[stem] ?? stem, start, end });
    tokens.push({ norm: 'not', start, end });
    return;
  }
  if (lower === 'cannot') {
    tokens.push({ norm: 'can', start, end });
    tokens.push({ norm: 'not', start, end });
    return;
  }
  const apostrophe = lower.indexOf("'");
  // Possessive and contracted endings ('s, 'll, 've, 'd, 're, 'm) add nothing the rules read.
  const norm = apostrophe > 0 ? lower.slice(0, apostrophe) : lower;
  const possessive = apostrophe > 0 && lower.slice(apostrophe) === "'s" ? true : undefined;
  tokens.push({ norm: norm.startsWith('£') ? 'money' : norm, start, end, ...(possessive ? { possessive } : {}) });
};

const splitSentences = (text: string): { start: number; body: string }[] => {
  const sentences: { start: number; body: string }[] = [];
  let last = 0;
  for (const match of text.matchAll(SENTENCE_END)) {
    const index = match.index;
    sentences.push({ start: last, body: text.slice(last, index) });
    last = index + match[0].length;
  }
  if (last < text.length) sentences.push({ start: last, body: text.slice(last) });
  return sentences;
};

const CLAUSE_PUNCTUATION = /[;:,()\u2013\u2014"“”]|\s-\s/g;

export const tokenise = (text: string): TokenisedText => {
  const clauses: Clause[] = [];
  splitSentences(text).forEach((sentence, sentenceIndex) => {
    let pieceStart = 0;
    const pieces: { start: number; body: string }[] = [];
    for (const match of sentence.body.matchAll(CLAUSE_PUNCTUATION)) {
      pieces.push({ start: sentence.start + pieceStart, body: sentence.body.slice(pieceStart, match.index) });
      pieceStart = match.index + match[0].length;
    }
    pieces.push({ start: sentence.start + pieceStart, body: sentence.body.slice(pieceStart) });
    for (const piece of pieces) {
      let current: Token[] = [];
      for (const match of piece.body.matchAll(WORD)) {
        const before = current.length;
        const scratch: Token[] = [];
        pushWord(scratch, match[0], piece.start + match.index);
        if (scratch.length === 1 && CONTRASTIVE.has(scratch[0].norm)) {
          if (before > 0) clauses.push({ tokens: current, sentence: sentenceIndex });
          current = [];
          continue;
        }
        current.push(...scratch);
      }
      if (current.length > 0) clauses.push({ tokens: current, sentence: sentenceIndex });
    }
  });
  return { text, clauses };
};
