export const INSTRUMENT_KINDS = ['dash', 's-dash', 'sash', 'sai', 'dara', 'aaq-ii', 'cfq-7', 'compact'] as const;
export type InstrumentKind = (typeof INSTRUMENT_KINDS)[number];

export type ResponseScale =
  | { kind: 'yes-no-not-known' }
  | { kind: 'numeric'; min: number; max: number; anchors?: Readonly<Record<string, string>> }
  | { kind: 'choice'; options: readonly string[] };

export type ItemDefinition = {
  id: string;
  /** Short paraphrase for the form; never the licensed wording. */
  text: string;
  /** Scored as (min + max - answer). */
  reverse?: boolean;
  /** Asked only in ex-partner cases (SASH's extra questions). */
  onlyWhenExPartner?: boolean;
  /** A "yes" opens another instrument (DASH's stalking question opens S-DASH). */
  opens?: InstrumentKind;
  /** Why this item's text, reverse flag or subscale is not certain. */
  uncertain?: string;
};

/**
 * What to do when answers are missing.
 * - `prorate`: with at most `maxMissing` items missing, total = mean of the answered items x the
 *   number of items; more missing and the score is null with a reason.
 * - `complete-only`: any missing item makes the score null.
 * - `count-answered`: counts (e.g. DASH "yes" ticks) count what is answered; missing is reported.
 */
export type MissingDataRule = { kind: 'prorate'; maxMissing: number } | { kind: 'complete-only' } | { kind: 'count-answered' };

export type ScoreDefinition = {
  id: string;
  label: string;
  method: 'sum' | 'count-yes';
  items: readonly string[];
  missing: MissingDataRule;
};

export type InstrumentDefinition = {
  instrument: InstrumentKind;
  /** Version of this definition; assessments record it and are always scored by it. */
  version: string;
  title: string;
  scale: ResponseScale;
  items: readonly ItemDefinition[];
  scores: readonly ScoreDefinition[];
  /** Placeholder items that a force must configure (licensed or unpublished tools). */
  provisional?: boolean;
  /** Where published sources differ or the source is not public. */
  notes?: readonly string[];
  /** DASH only: yes-count thresholds that suggest a grade. */
  grading?: { highAtYes: number; mediumAtYes?: number };
  /**
   * `all`: a submission (and a correction) must answer every item that applies ("not known" is an
   * answer, a blank is not), so a missing answer can never count silently (as not "yes", or not at
   * all) towards a grade or a rater's level read from the form.
   */
  answersRequired?: 'all';
};

export type Answer = 'yes' | 'no' | 'not-known' | number | string;
/** Raw answers by item id; an absent or null answer is missing. */
export type Answers = Readonly<Record<string, Answer | null | undefined>>;

export type ScoreResult = {
  id: string;
  label: string;
  /** Null when the missing-data rule does not allow a score. */
  value: number | null;
  answered: number;
  missingItems: string[];
  prorated: boolean;
  /** Why the value is null or prorated. */
  reason?: string;
};

export type DashGrade = 'standard' | 'medium' | 'high';
export type SashConcern = 'low' | 'moderate' | 'high';
export type AssessmentPhase = 'pre' | 'post' | 'follow-up' | 'screening';

/** What the rater enters besides item answers. */
export type RaterEntries = {
  /** DASH: the assessor's professional judgement; it can raise the grade, never lower it. */
  professionalJudgement?: { grade: DashGrade; reason: string };
  /** SASH: the rater's concern level, the tool's only output. */
  concernLevel?: SashConcern;
  /** SASH: ex-partner case, so the extra ex-partner questions apply. */
  exPartnerCase?: boolean;
  /** DARA: the risk grade entered by the assessor. */
  riskGrade?: DashGrade;
};

export type AssessmentOutcome =
  | {
      kind: 'dash';
      yesCount: number;
      notKnownCount: number;
      unanswered: string[];
      suggestedGrade: DashGrade;
      grade: DashGrade;
      gradeReason: string;
      opensStalkingScreen: boolean;
    }
  | { kind: 's-dash'; yesCount: number; notKnownCount: number; unanswered: string[] }
  | { kind: 'sash'; concernLevel: SashConcern; exPartnerCase: boolean }
  | { kind: 'dara'; riskGrade: DashGrade }
  | { kind: 'scores' };

export type Correction = {
  previousVersion: number;
  reason: string;
  correctedBy?: string;
  correctedAt?: string;
  changedItems: string[];
  changedEntries: string[];
};

/** A submitted assessment. Never changed: a correction is a new version with the same assessmentId. */
export type Assessment = {
  assessmentId: string;
  version: number;
  instrument: InstrumentKind;
  definitionVersion: string;
  subjectRef: string;
  assessor: string;
  assessedAt: string;
  phase?: AssessmentPhase;
  answers: Answers;
  entries: RaterEntries;
  scores: ScoreResult[];
  outcome: AssessmentOutcome;
  correction?: Correction;
};

export type AssessmentInput = {
  assessmentId: string;
  subjectRef: string;
  assessor: string;
  assessedAt: string;
  phase?: AssessmentPhase;
  definition: InstrumentDefinition;
  answers: Answers;
  entries?: RaterEntries;
};
