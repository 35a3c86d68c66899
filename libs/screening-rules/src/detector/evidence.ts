import type { CueKind, CueMatch } from './cue-types';
import { scanCues } from './cue-scanner';
import { CONTEXT_KINDS, type ContextKind, type DetectorInput } from './detector-types';
import { tokenise } from './tokenise';

/** Everything the narrative and the report's facts say, before any weighing. */
export type Evidence = {
  input: DetectorInput;
  cues: CueMatch[];
  /** Cues that stand (not negated), by kind. */
  found: Map<CueKind, CueMatch[]>;
  /** Acts and repetition words that the narrative denies ("did not follow her"). */
  negated: CueMatch[];
  /** Situations that explain the words, with the words that show each. */
  contexts: Map<ContextKind, CueMatch[]>;
  benignTone: CueMatch[];
};

const distinctQuotes = (matches: readonly CueMatch[]): string[] => [...new Set(matches.map((m) => m.quote.toLowerCase()))];

const NEIGHBOUR_WORDS = new Set(['neighbour', 'neighbours', 'neighbouring', 'next door']);
const PARENTS: ReadonlySet<DetectorInput['relationship']> = new Set(['former-partner', 'partner', 'family']);
const ARRANGEMENT_WORDS =
  /arrangement|handover|hand over|contact|pick ?up|drop off|access|custody|maintenance|cafcass|mediat|family court/i;
const THEFT_WORDS = /stol|steal|theft|thief|shoplift|without paying|security|store detective|snatch|pickpocket|burgl/i;
const STRONG_ROAD_RAGE = /road.?rage|cut|overt|tailgat|brake|beep|horn|honk|hoot|near.?miss|pulled|flash|finger|undert/i;

/**
 * Decides whether a situation is really present. Single common words ("party", "court",
 * "money") are not enough; the situation needs two different signs or one unmistakable one.
 */
const contextApplies = (kind: ContextKind, matches: readonly CueMatch[], input: DetectorInput): boolean => {
  const quotes = distinctQuotes(matches);
  if (quotes.length === 0) return false;
  switch (kind) {
    case 'context-road-rage':
      return quotes.some((q) => /road.?rage/i.test(q)) || (quotes.length >= 2 && quotes.some((q) => STRONG_ROAD_RAGE.test(q)));
    case 'context-neighbour-dispute': {
      const disputeSigns = quotes.filter((q) => !NEIGHBOUR_WORDS.has(q));
      if (input.relationship === 'neighbour') return disputeSigns.length >= 1;
      return disputeSigns.length >= 1 && quotes.length > disputeSigns.length;
    }
    case 'context-child-arrangements':
      // Arrangements between parents: co-parents, or the narrative names the arrangement itself.
      return PARENTS.has(input.relationship) || quotes.some((q) => ARRANGEMENT_WORDS.test(q));
    case 'context-debt':
      return quotes.some((q) => q !== 'money') || quotes.length >= 2;
    case 'context-retail-theft':
      // Shop words alone are not enough: the victim may work in a shop. It needs a theft.
      return input.recordedOffence === 'theft' || quotes.some((q) => THEFT_WORDS.test(q));
    case 'context-single-argument':
      return quotes.length >= 1;
    case 'context-professional':
      return quotes.length >= 2;
  }
};

export const gatherEvidence = (input: DetectorInput): Evidence => {
  const cues = scanCues(tokenise(input.narrative));
  const found = new Map<CueKind, CueMatch[]>();
  const negated: CueMatch[] = [];
  for (const cue of cues) {
    if (cue.negated) {
      negated.push(cue);
      continue;
    }
    const list = found.get(cue.kind) ?? [];
    list.push(cue);
    found.set(cue.kind, list);
  }
  const contexts = new Map<ContextKind, CueMatch[]>();
  for (const kind of CONTEXT_KINDS) {
    // No words, no situation: contextApplies would say so after building an empty quote list.
    const matches = found.get(kind);
    if (matches && contextApplies(kind, matches, input)) contexts.set(kind, matches);
  }
  return { input, cues, found, negated, contexts, benignTone: found.get('context-benign-tone') ?? [] };
};

export const quotesOf = (matches: readonly CueMatch[] | undefined): string[] => (matches ? distinctQuotes(matches) : []);
