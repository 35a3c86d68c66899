import type { Clause, Token } from './tokenise';

/**
 * A tiny proximity pattern language over clause tokens, so rules read like the words police
 * write rather than like regular expressions:
 *
 * - `follow*`        a word starting with "follow"; `her|him|v` alternatives
 * - `~3`             up to three other words in between
 * - `?the`           an optional word
 * - `@obj`, `@num`   a word class (see WORD_CLASSES); `@ing` any word ending in "ing"
 *
 * Matching is per clause, so a pattern never spans a sentence or a "but".
 */
/**
 * `slow` is set when the test needs more than a set lookup (prefixes, @ing, @num); its answers
 * are then remembered per word in `memo`, because the detector asks the same few thousand
 * words of the same tests on every report.
 */
type WordTest = {
  exact: ReadonlySet<string>;
  prefixes: readonly string[];
  ing: boolean;
  num: boolean;
  slow: boolean;
  memo: Map<string, boolean>;
};
/** `then` is the required word right after a gap, when there is one (see matchFrom). */
type Element = { kind: 'word'; test: WordTest; optional: boolean } | { kind: 'gap'; max: number; then: WordTest | undefined };

export type CompiledPattern = { source: string; elements: Element[] };

const NUMBER_WORDS = [
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'fifteen',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'hundred',
  'hundreds',
  'dozen',
  'dozens',
  'several',
  'numerous',
  'multiple',
  'countless',
  'many',
  'various',
  'scores',
  'thousands',
  'loads',
  'lots',
];

/** Word classes shared by the rules. Kept here so every rule means the same thing by "her". */
export const WORD_CLASSES: Record<string, string> = {
  obj: 'her|him|them|v|victim|victims|ip|complainant|aggrieved|ap|applicant|claimant|me|us|ex|wife|husband|girlfriend|boyfriend|partner|woman|female|girl|lady|colleague|informant',
  poss: 'her|his|v|victim|ip|complainant|aggrieved|ap|applicant|claimant|their|my|our|ex|hers',
  home: 'home|house|address|addresses|flat|property|door|doorstep|front|window|windows|street|garden|drive|driveway|work|workplace|office|job|school|college|university|gym|car|vehicle|parents|mum|mother|mom|dad|father|sister|brother|friend|friends|church|mosque|temple|salon|nursery|premises|bungalow|apartment|accommodation|refuge|place|porch|gate|bedroom|hospital|shift|shifts|building',
  place:
    'home|house|address|flat|property|door|doorstep|front|window|windows|street|road|garden|drive|driveway|work|workplace|office|school|college|university|gym|car|vehicle|parents|mum|mother|friend|friends|church|mosque|temple|salon|nursery|premises|apartment|accommodation|refuge|porch|gate|gates|entrance|exit|reception|station|stop|centre|center|library|pub|club|venue|building|campus|halls|canteen|lobby|stairwell|hallway|landing|corridor|car|park|bus|shop|shops|supermarket|hospital|ward|surgery|cafe|restaurant|bar|class|classes|playground|end',
  num: NUMBER_WORDS.join('|'),
};

const compileWord = (spec: string): WordTest => {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  let ing = false;
  let num = false;
  for (const alternative of spec.split('|')) {
    if (alternative === '@ing') ing = true;
    else if (alternative === '@num') num = true;
    else if (alternative.startsWith('@')) {
      const cls = WORD_CLASSES[alternative.slice(1)];
      if (cls === undefined) throw new Error(`unknown word class ${alternative}`);
      for (const word of cls.split('|')) exact.add(word);
    } else if (alternative.endsWith('*')) prefixes.push(alternative.slice(0, -1));
    else exact.add(alternative);
  }
  if (num) for (const word of NUMBER_WORDS) exact.add(word);
  return { exact, prefixes, ing, num, slow: prefixes.length > 0 || ing || num, memo: new Map() };
};

export const compilePattern = (source: string): CompiledPattern => {
  const elements: Element[] = source
    .trim()
    .split(/\s+/)
    .map((part): Element => {
      const gap = /^~(\d+)$/.exec(part);
      if (gap) return { kind: 'gap', max: Number(gap[1]), then: undefined };
      const optional = part.startsWith('?');
      return { kind: 'word', test: compileWord(optional ? part.slice(1) : part), optional };
    });
  if (elements[0]?.kind !== 'word' || elements[0].optional) throw new Error(`pattern must start with a required word: ${source}`);
  elements.forEach((element, index) => {
    const next = elements[index + 1];
    if (element.kind === 'gap' && next?.kind === 'word' && !next.optional) element.then = next.test;
  });
  return { source, elements };
};

/** Bounds each test's memo: narratives carry names, numbers and typos, so words never run out. */
const MEMO_LIMIT = 10_000;

const slowWordMatches = (test: WordTest, word: string): boolean => {
  if (test.ing && word.length > 4 && word.endsWith('ing')) return true;
  if (test.num && word.charCodeAt(0) >= 48 && word.charCodeAt(0) <= 57 && /^\d+$/.test(word) && Number(word) >= 2) return true;
  for (const prefix of test.prefixes) if (word.startsWith(prefix)) return true;
  return false;
};

export const wordMatches = (test: WordTest, word: string): boolean => {
  if (test.exact.has(word)) return true;
  if (!test.slow) return false;
  const known = test.memo.get(word);
  if (known !== undefined) return known;
  const result = slowWordMatches(test, word);
  if (test.memo.size >= MEMO_LIMIT) test.memo.clear();
  test.memo.set(word, result);
  return result;
};

const matchFrom = (elements: Element[], index: number, tokens: readonly Token[], position: number): number => {
  if (index === elements.length) return position;
  const element = elements[index];
  if (element.kind === 'gap') {
    // Most gaps lead to a required word: test it here and go deeper only where it fits, rather
    // than one call per skipped word that fails at once (same matches, fewer calls).
    const then = element.then;
    for (let skip = 0; skip <= element.max && position + skip <= tokens.length; skip += 1) {
      const at = position + skip;
      if (then === undefined) {
        const end = matchFrom(elements, index + 1, tokens, at);
        if (end >= 0) return end;
      } else if (at < tokens.length && wordMatches(then, tokens[at].norm)) {
        const end = matchFrom(elements, index + 2, tokens, at + 1);
        if (end >= 0) return end;
      }
    }
    return -1;
  }
  if (position < tokens.length && wordMatches(element.test, tokens[position].norm)) {
    const end = matchFrom(elements, index + 1, tokens, position + 1);
    if (end >= 0) return end;
  }
  return element.optional ? matchFrom(elements, index + 1, tokens, position) : -1;
};

export type PatternMatch = { first: number; last: number };

/** The end (exclusive token index) of a match of the pattern starting at `start`, or -1. */
export const matchAt = (pattern: CompiledPattern, tokens: readonly Token[], start: number): number => {
  const head = pattern.elements[0];
  if (head.kind !== 'word' || start >= tokens.length || !wordMatches(head.test, tokens[start].norm)) return -1;
  return matchFrom(pattern.elements, 1, tokens, start + 1);
};

/** True when the word can start a match of the pattern. */
export const headMatches = (pattern: CompiledPattern, word: string): boolean => {
  const head = pattern.elements[0];
  return head.kind === 'word' && wordMatches(head.test, word);
};

/** Like matchAt, for a caller that already knows the head word matches at `start`. */
export const matchAfterHead = (pattern: CompiledPattern, tokens: readonly Token[], start: number): number =>
  matchFrom(pattern.elements, 1, tokens, start + 1);

/** Exact words a match can start with, or undefined when the head also matches by prefix or class. */
export const exactHeadWords = (pattern: CompiledPattern): ReadonlySet<string> | undefined => {
  const head = pattern.elements[0];
  if (head.kind !== 'word' || head.test.prefixes.length > 0 || head.test.ing || head.test.num) return undefined;
  return head.test.exact;
};

/** Every non-overlapping match of the pattern in the clause, leftmost first, as token indexes. */
export const findInClause = (pattern: CompiledPattern, clause: Clause): PatternMatch[] => {
  const matches: PatternMatch[] = [];
  const tokens = clause.tokens;
  const head = pattern.elements[0];
  if (head.kind !== 'word') return matches;
  for (let start = 0; start < tokens.length; start += 1) {
    if (!wordMatches(head.test, tokens[start].norm)) continue;
    const end = matchFrom(pattern.elements, 1, tokens, start + 1);
    if (end >= 0) {
      matches.push({ first: start, last: end - 1 });
      start = end - 1;
    }
  }
  return matches;
};
