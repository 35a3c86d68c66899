import type { OffenceFamily } from '@easi/contracts';
import type { CueKind } from './cue-types';
import {
  ACT_KINDS,
  type ActKind,
  type ContextKind,
  type DetectorInput,
  type DetectorOptions,
  type DetectorResult,
  type DetectorWeights,
  type Explanation,
} from './detector-types';
import { gatherEvidence, quotesOf, type Evidence } from './evidence';
import { ACT_TEXT, CONTEXT_TEXT } from './explanation-text';

export const DEFAULT_DETECTOR_THRESHOLD = 0.55;

export const DEFAULT_DETECTOR_WEIGHTS: DetectorWeights = {
  linkedReports: 0.3,
  linkedReportsEach: 0.05,
  linkedReportsMaxExtra: 0.15,
  narrativeRepetition: 0.3,
  narrativeRepetitionWithLinks: 0.1,
  duration: 0.25,
  quantity: 0.1,
  severalActs: 0.1,
  priorWarning: 0.1,
  orderBreach: 0.1,
  recordedAsHarassment: 0.1,
  acts: { following: 0.3, contact: 0.15, publishing: 0.25, monitoring: 0.35, loitering: 0.3, property: 0.2, watching: 0.25 },
  actsCap: 0.6,
  fixated: 0.25,
  obsessive: 0.15,
  unwanted: 0.15,
  stalkingLanguage: 0.15,
  impact: 0.05,
  recordingRule: 0.3,
  context: 0.25,
  contextWithStrongSignals: 0.1,
  contextCap: 0.5,
  oneOff: 0.3,
  retraction: 0.5,
  capWithoutCourse: 0.45,
};

/** Offences that in law already need a course of conduct (Protection from Harassment Act 1997). */
const COURSE_IMPLIED_BY_OFFENCE: ReadonlySet<OffenceFamily> = new Set([
  'harassment',
  'harassment-fear-of-violence',
  'racially-aggravated-harassment',
  'breach-spo',
]);

/** Which situations explain away which acts: the act's words are read as part of the situation. */
const EXPLAINED_BY: Record<ActKind, readonly ContextKind[]> = {
  'act-following': ['context-road-rage', 'context-retail-theft'],
  'act-contact': ['context-child-arrangements', 'context-debt', 'context-professional'],
  'act-publishing': [],
  'act-monitoring': [],
  'act-loitering': ['context-retail-theft', 'context-road-rage', 'context-neighbour-dispute'],
  'act-property': ['context-retail-theft', 'context-neighbour-dispute'],
  'act-watching': ['context-neighbour-dispute'],
};

/** Contact explained by its civil, practical tone rather than by a situation. */
const BENIGN = 'benign-tone';
const BENIGN_CONTACT_TEXT =
  'The contact described is civil and practical, with no sign the victim objects to it: not counted as an act of stalking.';

/**
 * A situation weighs against a flag when it is one that commonly produces stalking-like words
 * (a road-rage chase, a boundary row, a shop theft), when it explained away an act, or when it
 * is the whole story (a single argument; arrangements or money with no other act).
 */
const contextCounts = (
  context: ContextKind,
  facts: { explainers: ReadonlySet<ContextKind | typeof BENIGN>; course: boolean; standingActs: number },
): boolean => {
  switch (context) {
    case 'context-road-rage':
    case 'context-neighbour-dispute':
    case 'context-retail-theft':
      return true;
    case 'context-single-argument':
      return !facts.course;
    case 'context-child-arrangements':
    case 'context-debt':
    case 'context-professional':
      return facts.explainers.has(context) || facts.standingActs === 0;
  }
};

const weightKey = (kind: ActKind): keyof DetectorWeights['acts'] => kind.slice(4) as keyof DetectorWeights['acts'];

const round = (n: number): number => Math.round(n * 1000) / 1000;

type Scored = { explanations: Explanation[]; score: number };

/** Every caller passes a fresh literal, so the rounded weight is written into it rather than into a copy. */
const add = (scored: Scored, explanation: Explanation): void => {
  scored.score += explanation.weight;
  explanation.weight = round(explanation.weight);
  scored.explanations.push(explanation);
};

const has = (evidence: Evidence, kind: CueKind): boolean => (evidence.found.get(kind)?.length ?? 0) > 0;

/** Acts that stand after the situations that explain them are taken out. */
const standingActs = (evidence: Evidence): { standing: ActKind[]; explained: Map<ActKind, ContextKind | typeof BENIGN> } => {
  const explicitRejection =
    has(evidence, 'unwanted') || has(evidence, 'order-breach') || has(evidence, 'fixation') || has(evidence, 'obsession');
  const standing: ActKind[] = [];
  const explained = new Map<ActKind, ContextKind | typeof BENIGN>();
  for (const kind of ACT_KINDS) {
    if (!has(evidence, kind)) continue;
    // Contact about children or money stays harassment-only unless the victim has said no or the suspect is fixated.
    const contexts = EXPLAINED_BY[kind].filter((context) => evidence.contexts.has(context));
    const benignContact = (kind === 'act-contact' || kind === 'act-loitering') && evidence.benignTone.length > 0 && !explicitRejection;
    const explainer = kind === 'act-contact' && explicitRejection ? undefined : contexts[0];
    if (explainer) explained.set(kind, explainer);
    else if (benignContact) explained.set(kind, BENIGN);
    else standing.push(kind);
  }
  return { standing, explained };
};

/**
 * Reads a crime report that was NOT recorded as stalking and says whether it looks like
 * stalking that should be reclassified, with every reason in plain words.
 *
 * The law: stalking is a course of conduct (two or more occasions) of acts associated with
 * stalking (following, contacting by any means, publishing, monitoring, loitering, interfering
 * with property, watching or spying). Since April 2020 a course of conduct between a victim and
 * a former partner is recorded as stalking unless the police are satisfied it is harassment only.
 */
export const detectMisclassifiedStalking = (input: DetectorInput, options: DetectorOptions = {}): DetectorResult => {
  const threshold = options.threshold ?? DEFAULT_DETECTOR_THRESHOLD;
  // Weights are only read, so the defaults need no copy on the daily run's thousands of calls.
  const w: DetectorWeights = options.weights ? { ...DEFAULT_DETECTOR_WEIGHTS, ...options.weights } : DEFAULT_DETECTOR_WEIGHTS;
  if (input.recordedOffence === 'stalking') {
    return {
      flagged: false,
      confidence: 0,
      explanations: [
        { rule: 'already-recorded-as-stalking', text: 'Already recorded as stalking: nothing to reclassify.', matched: [], weight: 0 },
      ],
    };
  }
  const evidence = gatherEvidence(input);
  const scored: Scored = { explanations: [], score: 0 };
  const { standing, explained } = standingActs(evidence);
  const strongSignals =
    standing.includes('act-monitoring') ||
    standing.includes('act-publishing') ||
    has(evidence, 'fixation') ||
    has(evidence, 'obsession') ||
    has(evidence, 'stalking-language');

  // Course of conduct.
  const linked = Math.max(0, Math.floor(input.linkedReports));
  const repetition = quotesOf(evidence.found.get('repetition'));
  const quantity = quotesOf(evidence.found.get('quantity'));
  const duration = quotesOf(evidence.found.get('duration'));
  const priorWarning = quotesOf(evidence.found.get('prior-warning'));
  const oneOff = quotesOf(evidence.found.get('one-off'));
  const otherActs = standing.filter((kind) => kind !== 'act-contact');
  // Monitoring someone (a tracker, spyware, reading their accounts) is itself conduct over time.
  const severalActs = otherActs.length >= 2 || standing.length >= 3 || (standing.includes('act-monitoring') && standing.length >= 2);
  const onlyOneOccasion = oneOff.length > 0 && linked === 0 && repetition.length === 0 && quantity.length === 0;
  const impliedByOffence = COURSE_IMPLIED_BY_OFFENCE.has(input.recordedOffence) && oneOff.length === 0;
  const durationCounts = duration.length > 0 && oneOff.length === 0;
  const course =
    !onlyOneOccasion &&
    (linked > 0 ||
      repetition.length > 0 ||
      quantity.length > 0 ||
      durationCounts ||
      severalActs ||
      priorWarning.length > 0 ||
      impliedByOffence);

  if (linked > 0) {
    add(scored, {
      rule: 'course-of-conduct',
      text: `${linked} earlier report${linked === 1 ? '' : 's'} with the same suspect and victim: this is a course of conduct, not a single incident.`,
      matched: [],
      linkedReports: linked,
      weight: w.linkedReports + Math.min(w.linkedReportsMaxExtra, w.linkedReportsEach * (linked - 1)),
    });
  }
  if (repetition.length > 0 && !onlyOneOccasion) {
    add(scored, {
      rule: 'four-repeated',
      text: 'The account describes repeated behaviour (the R of FOUR), which shows a course of conduct.',
      matched: repetition,
      weight: linked > 0 ? w.narrativeRepetitionWithLinks : w.narrativeRepetition,
    });
  }
  if (durationCounts) {
    add(scored, {
      rule: 'four-repeated',
      text: 'The account says the behaviour has gone on over a period of time, not on one occasion.',
      matched: duration,
      weight: linked > 0 || repetition.length > 0 ? w.narrativeRepetitionWithLinks : w.duration,
    });
  }
  if (quantity.length > 0 && !onlyOneOccasion) {
    add(scored, {
      rule: 'four-repeated',
      text: 'The account gives a volume of contact or visits, not a single one.',
      matched: quantity,
      weight: w.quantity,
    });
  }
  if (severalActs && course && !onlyOneOccasion) {
    add(scored, {
      rule: 'course-of-conduct',
      text: 'Several different stalking behaviours are described, which points to a course of conduct.',
      matched: [],
      weight: w.severalActs,
    });
  }
  if (priorWarning.length > 0) {
    add(scored, {
      rule: 'prior-warning',
      text: 'A warning, order or bail condition is mentioned: the conduct continued after the suspect was told to stop.',
      matched: priorWarning,
      weight: w.priorWarning,
    });
  }
  if (
    impliedByOffence &&
    linked === 0 &&
    repetition.length === 0 &&
    quantity.length === 0 &&
    !durationCounts &&
    !severalActs &&
    priorWarning.length === 0
  ) {
    add(scored, {
      rule: 'course-of-conduct',
      text: `Recorded as ${input.recordedOffence}, an offence that itself needs a course of conduct.`,
      matched: [],
      weight: w.recordedAsHarassment,
    });
  }

  // Acts associated with stalking.
  let actsTotal = 0;
  for (const kind of standing) {
    const weight = Math.min(w.acts[weightKey(kind)], Math.max(0, w.actsCap - actsTotal));
    actsTotal += weight;
    add(scored, { rule: kind, text: ACT_TEXT[kind], matched: quotesOf(evidence.found.get(kind)), weight });
  }

  // FOUR: fixated, obsessive, unwanted.
  if (has(evidence, 'fixation')) {
    add(scored, {
      rule: 'four-fixated',
      text: 'The suspect appears fixated on the victim (cannot accept rejection, wants the relationship back, declarations of love or jealousy).',
      matched: quotesOf(evidence.found.get('fixation')),
      weight: w.fixated,
    });
  }
  if (has(evidence, 'obsession')) {
    add(scored, {
      rule: 'four-obsessive',
      text: 'The behaviour is described as obsessive.',
      matched: quotesOf(evidence.found.get('obsession')),
      weight: w.obsessive,
    });
  }
  if (has(evidence, 'unwanted')) {
    add(scored, {
      rule: 'four-unwanted',
      text: 'The contact is unwanted: the victim has refused it, asked the suspect to stop, or blocked or avoided them.',
      matched: quotesOf(evidence.found.get('unwanted')),
      weight: w.unwanted,
    });
  }
  if (has(evidence, 'order-breach')) {
    add(scored, {
      rule: 'prior-warning',
      text: 'A court order or bail condition forbids this contact, so it is unwanted by definition.',
      matched: quotesOf(evidence.found.get('order-breach')),
      weight: w.orderBreach,
    });
  }
  if (has(evidence, 'stalking-language')) {
    add(scored, {
      rule: 'stalking-language',
      text: 'The account itself describes the behaviour as stalking.',
      matched: quotesOf(evidence.found.get('stalking-language')),
      weight: w.stalkingLanguage,
    });
  }
  if (has(evidence, 'impact') && course) {
    add(scored, {
      rule: 'impact-on-victim',
      text: 'The victim describes fear, alarm or distress caused by the behaviour.',
      matched: quotesOf(evidence.found.get('impact')),
      weight: w.impact,
    });
  }

  // The recording rule for former partners.
  const rejectionOrFixation =
    has(evidence, 'unwanted') || has(evidence, 'order-breach') || has(evidence, 'fixation') || has(evidence, 'obsession');
  if (input.relationship === 'former-partner' && course && (standing.length > 0 || rejectionOrFixation)) {
    add(scored, {
      rule: 'recording-rule-former-partner',
      text: 'Course of conduct by a former partner: under the recording rule (since April 2020) this is recorded as stalking unless the police are satisfied it is harassment only.',
      matched: [],
      ...(linked > 0 ? { linkedReports: linked } : {}),
      weight: w.recordingRule,
    });
  }

  // What speaks against.
  // Denied acts and repetition, leaving out words already reported as a one-off ("no previous incidents").
  const oneOffCues = evidence.found.get('one-off') ?? [];
  const negatedWords = evidence.negated.filter(
    (cue) => (cue.kind.startsWith('act-') || cue.kind === 'repetition') && !oneOffCues.some((o) => o.start < cue.end && cue.start < o.end),
  );
  if (negatedWords.length > 0) {
    add(scored, {
      rule: 'negation',
      text: 'The account says some behaviour did not happen; those words are not counted.',
      matched: [...new Set(negatedWords.map((cue) => `${cue.negatedBy ?? ''} … ${cue.quote}`))],
      weight: 0,
    });
  }
  const retraction = quotesOf(evidence.found.get('retraction'));
  if (retraction.length > 0) {
    add(scored, {
      rule: 'negation',
      text: 'The account has been withdrawn or corrected: the behaviour was mistaken or someone else’s.',
      matched: retraction,
      weight: -w.retraction,
    });
  }
  if (onlyOneOccasion) {
    add(scored, {
      rule: 'one-off-event',
      text: 'The account describes a single incident with no earlier reports: no course of conduct.',
      matched: oneOff,
      weight: -w.oneOff,
    });
  }
  let contextTotal = 0;
  const explainers = new Set<ContextKind | typeof BENIGN>(explained.values());
  for (const [context, matches] of evidence.contexts) {
    if (!contextCounts(context, { explainers, course, standingActs: standing.length })) continue;
    const weight = Math.min(strongSignals ? w.contextWithStrongSignals : w.context, Math.max(0, w.contextCap - contextTotal));
    contextTotal += weight;
    add(scored, { rule: context, text: CONTEXT_TEXT[context], matched: quotesOf(matches), weight: -weight });
  }
  if ([...explained.values()].includes(BENIGN)) {
    add(scored, { rule: 'context-child-arrangements', text: BENIGN_CONTACT_TEXT, matched: quotesOf(evidence.benignTone), weight: 0 });
  }

  // Caps: stalking needs both a course of conduct and acts associated with stalking.
  let score = scored.score;
  if (!course) {
    add(scored, {
      rule: 'no-course-of-conduct',
      text: 'No course of conduct shown (no earlier reports, no repeated behaviour described): a single incident cannot be stalking.',
      matched: [],
      weight: 0,
    });
    score = Math.min(score, w.capWithoutCourse);
  }
  // The recording rule makes a former partner's course of conduct stalking by default, so an
  // unwanted course of conduct by a former partner does not need a named act.
  const recordingRuleWithoutAct =
    input.relationship === 'former-partner' &&
    rejectionOrFixation &&
    (linked > 0 || repetition.length > 0 || quantity.length > 0) &&
    !onlyOneOccasion;
  if (
    standing.length === 0 &&
    !recordingRuleWithoutAct &&
    !has(evidence, 'fixation') &&
    !has(evidence, 'obsession') &&
    !has(evidence, 'stalking-language')
  ) {
    add(scored, {
      rule: 'no-stalking-act',
      text: 'No act associated with stalking is described (following, contact, publishing, monitoring, loitering, property, watching).',
      matched: [],
      weight: 0,
    });
    score = Math.min(score, w.capWithoutCourse);
  }
  const confidence = round(Math.min(1, Math.max(0, score)));
  return {
    flagged: confidence >= threshold,
    confidence,
    explanations: scored.explanations.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)),
  };
};
