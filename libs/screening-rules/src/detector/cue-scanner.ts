import { ACT_CUES } from './act-lexicon';
import { CONDUCT_CUES } from './conduct-lexicon';
import { CONTEXT_CUES } from './context-lexicon';
import type { CueDefinition, CueKind, CueMatch } from './cue-types';
import { compilePattern, exactHeadWords, headMatches, matchAfterHead, wordMatches, type CompiledPattern } from './pattern';
import type { Clause, TokenisedText } from './tokenise';

type WordSet = ReadonlySet<string>;

type CompiledCue = {
  kind: CueKind;
  patterns: CompiledPattern[];
  negatable: boolean;
  notAfter?: WordSet;
  notNext?: WordSet;
  blockedWhenVictimIsSubject: boolean;
};

const NEGATORS = new Set(['not', 'no', 'never', 'nor', 'without', 'neither', 'nothing', 'none', 'nobody']);
/**
 * Words after a negator that turn it into persistence ("would not stop messaging her",
 * "will not leave her alone", "not only followed her") rather than a denial of the act.
 */
const NEGATION_BREAKERS = new Set([
  'stop',
  'stopped',
  'stopping',
  'leave',
  'accept',
  'let',
  'take',
  'only',
  'give',
  'want',
  'wanting',
  'wish',
  'until',
  'respond',
  'responded',
  'reply',
  'replied',
  'answer',
  'answered',
  'engage',
  'engaged',
  'consent',
  'consented',
  'invite',
  'invited',
  'know',
  'known',
  'aware',
  'realise',
  'realised',
  'agree',
  'agreed',
  'welcome',
  'ask',
  'asked',
  'initially',
]);
const NEGATION_WINDOW = 5;
const NOT_AFTER_WINDOW = 4;
const VICTIM_REFS = new Set(['v', 'victim', 'ip', 'complainant', 'informant', 'ap', 'applicant', 'aggrieved', 'claimant', 'i']);
const SUBJECTS = new Set([
  's',
  'suspect',
  'susp',
  'op',
  'accused',
  'defendant',
  'respondent',
  'he',
  'she',
  'they',
  'offender',
  'perpetrator',
  'someone',
  'somebody',
  'who',
]);
const AUXILIARIES = new Set([
  'was',
  'were',
  'is',
  'are',
  'has',
  'had',
  'have',
  'been',
  'being',
  'would',
  'will',
  'did',
  'does',
  'do',
  'then',
  'also',
  'later',
  'again',
  'currently',
  'just',
  'still',
  'often',
  'sometimes',
  'repeatedly',
  'regularly',
  'usually',
  'now',
  'since',
  'once',
]);
/** Words that end a negation's reach: a new verb phrase or clause starts ("never met him and has sent ..."). */
const NEGATION_SCOPE_ENDS = new Set([
  'has',
  'was',
  'were',
  'is',
  'are',
  'and',
  'then',
  'instead',
  'so',
  'who',
  'which',
  'that',
  'because',
  'after',
  'before',
  'when',
  'until',
]);

const toSet = (spec: string | undefined): WordSet | undefined => (spec ? new Set(spec.split('|')) : undefined);

const compileCue = (definition: CueDefinition): CompiledCue => ({
  kind: definition.kind,
  patterns: definition.patterns.map(compilePattern),
  negatable: definition.negatable ?? true,
  notAfter: toSet(definition.notAfter),
  notNext: toSet(definition.notNext),
  blockedWhenVictimIsSubject: definition.blockedWhenVictimIsSubject ?? false,
});

const ALL_CUES: readonly CompiledCue[] = [...ACT_CUES, ...CONDUCT_CUES, ...CONTEXT_CUES].map(compileCue);

type Entry = { cue: CompiledCue; pattern: CompiledPattern; order: number };

/**
 * Patterns indexed by the words they can start with, so a clause is read once and only the
 * patterns whose first word is present are tried (a national day is 18,000 reports).
 * `candidates` remembers, per word, the entries whose head matches it, in the order they are
 * tried; the few heads that match by class (@num) would otherwise be tried at every word.
 */
type CueIndex = { byHead: Map<string, Entry[]>; anyHead: Entry[]; candidates: Map<string, readonly Entry[]>; progress: Progress };

/**
 * Where each pattern may next match in the current clause (matches of one pattern do not
 * overlap). Kept with the index and reset entry by entry through `touched`, because a scan is
 * synchronous and a fresh typed array per report, filled per clause, cost more than the matching.
 */
type Progress = { nextStart: Int32Array; touched: number[] };

const resetProgress = (progress: Progress): void => {
  for (const order of progress.touched) progress.nextStart[order] = 0;
  progress.touched.length = 0;
};

/** Bounds the per-word memo: narratives carry names, numbers and typos, so words never run out. */
const CANDIDATE_MEMO_LIMIT = 20_000;
const NO_ENTRIES: readonly Entry[] = [];

const indexCues = (cues: readonly CompiledCue[]): CueIndex => {
  const byHead = new Map<string, Entry[]>();
  const anyHead: Entry[] = [];
  let order = 0;
  for (const cue of cues) {
    for (const pattern of cue.patterns) {
      const entry: Entry = { cue, pattern, order: order++ };
      const heads = exactHeadWords(pattern);
      if (!heads) {
        anyHead.push(entry);
        continue;
      }
      for (const word of heads) {
        const list = byHead.get(word) ?? [];
        list.push(entry);
        byHead.set(word, list);
      }
    }
  }
  return { byHead, anyHead, candidates: new Map(), progress: { nextStart: new Int32Array(order), touched: [] } };
};

/** The entries to try at a word: its exact-head entries first, then the class-head ones, as before the memo. */
const candidatesFor = (index: CueIndex, word: string): readonly Entry[] => {
  const known = index.candidates.get(word);
  if (known) return known;
  const byHead = index.byHead.get(word) ?? NO_ENTRIES;
  const anyHead = index.anyHead.filter((entry) => headMatches(entry.pattern, word));
  const entries = anyHead.length === 0 ? byHead : [...byHead, ...anyHead];
  if (index.candidates.size >= CANDIDATE_MEMO_LIMIT) index.candidates.clear();
  index.candidates.set(word, entries);
  return entries;
};

const DEFAULT_INDEX = indexCues(ALL_CUES);

const negationBefore = (clause: Clause, first: number): string | undefined => {
  const from = Math.max(0, first - NEGATION_WINDOW);
  for (let index = first - 1; index >= from; index -= 1) {
    const word = clause.tokens[index].norm;
    if (NEGATION_BREAKERS.has(word)) return undefined;
    if (NEGATORS.has(word)) {
      const between = clause.tokens.slice(index + 1, first).map((token) => token.norm);
      if (between.some((w) => NEGATION_BREAKERS.has(w) || NEGATION_SCOPE_ENDS.has(w))) return undefined;
      return clause.tokens
        .slice(index, first)
        .map((token) => token.norm)
        .join(' ');
    }
  }
  return undefined;
};

const victimIsSubject = (clause: Clause, first: number): boolean => {
  // The nearest word before the verb that is not an auxiliary or adverb is taken as its subject.
  for (let index = first - 1; index >= 0 && index >= first - 6; index -= 1) {
    const token = clause.tokens[index];
    if (AUXILIARIES.has(token.norm)) continue;
    return VICTIM_REFS.has(token.norm) && !token.possessive;
  }
  return false;
};

/** True when one of the words is just before the phrase, looking back no further than its subject. */
const precededBy = (clause: Clause, first: number, words: WordSet): boolean => {
  for (let index = first - 1; index >= 0 && index >= first - NOT_AFTER_WINDOW; index -= 1) {
    const word = clause.tokens[index].norm;
    if (words.has(word)) return true;
    if (SUBJECTS.has(word)) return false;
  }
  return false;
};

const tryEntry = (
  entry: Entry,
  clause: Clause,
  clauseIndex: number,
  position: number,
  text: string,
  progress: Progress,
  found: CueMatch[],
): void => {
  const { cue, pattern, order } = entry;
  const nextStart = progress.nextStart;
  if (position < nextStart[order]) return;
  const tokens = clause.tokens;
  // The head already matched: candidatesFor only returns entries whose head fits the word.
  const end = matchAfterHead(pattern, tokens, position);
  if (end < 0) return;
  if (nextStart[order] === 0) progress.touched.push(order);
  nextStart[order] = end;
  const last = end - 1;
  if (cue.notAfter && precededBy(clause, position, cue.notAfter)) return;
  const next = tokens[last + 1];
  if (cue.notNext && next && cue.notNext.has(next.norm)) return;
  if (cue.blockedWhenVictimIsSubject && victimIsSubject(clause, position)) return;
  const start = tokens[position].start;
  const stop = tokens[last].end;
  const negatedBy = cue.negatable ? negationBefore(clause, position) : undefined;
  // One match per span and kind; a standing reading wins over a negated one of the same words.
  const clash = found.findIndex((existing) => existing.kind === cue.kind && existing.start < stop && start < existing.end);
  if (clash >= 0) {
    if (!found[clash].negated || negatedBy !== undefined) return;
    found.splice(clash, 1);
  }
  // Two literals rather than a spread of an optional key: same objects, no temporary one per match.
  const quote = text.slice(start, stop);
  found.push(
    negatedBy === undefined
      ? { kind: cue.kind, quote, start, end: stop, clause: clauseIndex, negated: false }
      : { kind: cue.kind, quote, start, end: stop, clause: clauseIndex, negated: true, negatedBy },
  );
};

/** Finds every cue phrase in the text, with its negation status, one match per span and kind. */
export const scanCues = (tokenised: TokenisedText, index: CueIndex = DEFAULT_INDEX): CueMatch[] => {
  const found: CueMatch[] = [];
  const progress = index.progress;
  const clauses = tokenised.clauses;
  for (let clauseIndex = 0; clauseIndex < clauses.length; clauseIndex += 1) {
    const clause = clauses[clauseIndex];
    // Also clears what an earlier scan that threw may have left.
    resetProgress(progress);
    for (let position = 0; position < clause.tokens.length; position += 1) {
      const entries = candidatesFor(index, clause.tokens[position].norm);
      for (let at = 0; at < entries.length; at += 1) tryEntry(entries[at], clause, clauseIndex, position, tokenised.text, progress, found);
    }
  }
  return found.sort((a, b) => a.start - b.start);
};

/** Exposed for tests of single words against the shared classes. */
export const matchesWord = (spec: string, word: string): boolean => {
  const pattern = compilePattern(spec);
  const head = pattern.elements[0];
  return head.kind === 'word' && wordMatches(head.test, word);
};
