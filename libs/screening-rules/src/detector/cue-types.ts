/** What a matched phrase tells the detector. */
export type CueKind =
  | 'act-following'
  | 'act-contact'
  | 'act-publishing'
  | 'act-monitoring'
  | 'act-loitering'
  | 'act-property'
  | 'act-watching'
  | 'repetition'
  | 'duration'
  | 'quantity'
  | 'order-breach'
  | 'prior-warning'
  | 'fixation'
  | 'obsession'
  | 'unwanted'
  | 'impact'
  | 'stalking-language'
  | 'one-off'
  | 'retraction'
  | 'context-road-rage'
  | 'context-neighbour-dispute'
  | 'context-child-arrangements'
  | 'context-benign-tone'
  | 'context-debt'
  | 'context-retail-theft'
  | 'context-single-argument'
  | 'context-professional';

export type CueDefinition = {
  kind: CueKind;
  patterns: readonly string[];
  /** A negation shortly before the phrase cancels it, unless false (phrases that carry their own "not"). */
  negatable?: boolean;
  /** Ignore the phrase when one of these words is among the few just before it ("officers attended"). */
  notAfter?: string;
  /** Ignore the phrase when the word right after it is one of these ("following her arrest"). */
  notNext?: string;
  /** Ignore the phrase when the victim is its subject ("V was waiting outside her work"). */
  blockedWhenVictimIsSubject?: boolean;
};

/** One phrase found in the narrative. */
export type CueMatch = {
  kind: CueKind;
  /** The words as written in the narrative. */
  quote: string;
  start: number;
  end: number;
  clause: number;
  negated: boolean;
  /** The negating words when negated. */
  negatedBy?: string;
};
