import { findInstrumentDefinition, INSTRUMENT_DEFINITIONS } from './definitions';
import type {
  Answer,
  Answers,
  Assessment,
  AssessmentInput,
  AssessmentOutcome,
  DashGrade,
  InstrumentDefinition,
  RaterEntries,
  ScoreResult,
} from './instrument-types';
import { scoreAnswers, validateAnswers, type AnswerIssue } from './scoring';

export type AssessmentErrorCode =
  'invalid-answers' | 'unanswered-items' | 'missing-entry' | 'reason-required' | 'unknown-definition' | 'no-change';

export class AssessmentError extends Error {
  constructor(
    readonly code: AssessmentErrorCode,
    message: string,
    readonly issues: AnswerIssue[] = [],
  ) {
    super(message);
    this.name = 'AssessmentError';
  }
}

const GRADE_ORDER: readonly DashGrade[] = ['standard', 'medium', 'high'];
const higher = (a: DashGrade, b: DashGrade): DashGrade => (GRADE_ORDER.indexOf(a) >= GRADE_ORDER.indexOf(b) ? a : b);

const dashOutcome = (
  definition: InstrumentDefinition,
  answers: Answers,
  entries: RaterEntries,
  scores: ScoreResult[],
): AssessmentOutcome => {
  const yesCount = scores.find((s) => s.id === 'yes-count')?.value ?? 0;
  const notKnownCount = definition.items.filter((item) => answers[item.id] === 'not-known').length;
  const unanswered = scores.find((s) => s.id === 'yes-count')?.missingItems ?? [];
  const grading = definition.grading ?? { highAtYes: 14 };
  const suggestedGrade: DashGrade =
    yesCount >= grading.highAtYes ? 'high' : grading.mediumAtYes !== undefined && yesCount >= grading.mediumAtYes ? 'medium' : 'standard';
  const judgement = entries.professionalJudgement;
  const grade = judgement ? higher(judgement.grade, suggestedGrade) : suggestedGrade;
  const countReason = `${yesCount} "yes" (${grading.highAtYes} or more suggests high)`;
  const gradeReason = !judgement
    ? `${countReason}: ${suggestedGrade}.`
    : grade !== suggestedGrade
      ? `${countReason}; raised to ${grade} on professional judgement: ${judgement.reason}`
      : judgement.grade !== grade
        ? `${countReason}: ${grade}; professional judgement (${judgement.grade}) cannot lower the grade.`
        : `${countReason}: ${grade}, confirmed by professional judgement.`;
  const opensStalkingScreen = definition.items.some((item) => item.opens === 's-dash' && answers[item.id] === 'yes');
  return { kind: 'dash', yesCount, notKnownCount, unanswered, suggestedGrade, grade, gradeReason, opensStalkingScreen };
};

const UNANSWERED = 'not answered: yes, no or not-known';

/** Items of a definition that must be answered and are not (the ex-partner questions only in an ex-partner case). */
const unansweredItems = (definition: InstrumentDefinition, answers: Answers, entries: RaterEntries): AnswerIssue[] => {
  if (definition.answersRequired !== 'all') return [];
  return definition.items
    .filter((item) => !item.onlyWhenExPartner || entries.exPartnerCase === true)
    .filter((item) => answers[item.id] === null || answers[item.id] === undefined)
    .map((item) => ({
      item: item.id,
      message: definition.scale.kind === 'yes-no-not-known' || definition.scale.kind === 'choice' ? UNANSWERED : 'not answered',
    }));
};

/** What the rater must enter besides the answers: the instrument's output is theirs, never a default. */
const missingEntries = (definition: InstrumentDefinition, entries: RaterEntries): AnswerIssue[] => {
  switch (definition.instrument) {
    case 'dash':
      return entries.professionalJudgement
        ? []
        : [
            {
              item: 'professionalJudgement',
              message:
                'the assessor’s professional judgement (grade and reason) is required: below the "yes" threshold the grade is the assessor’s judgement',
            },
          ];
    case 'sash':
      return entries.concernLevel
        ? []
        : [{ item: 'concernLevel', message: 'the rater’s concern level (low, moderate or high) is required' }];
    case 'dara':
      return entries.riskGrade ? [] : [{ item: 'riskGrade', message: 'the risk grade entered by the assessor is required' }];
    default:
      return [];
  }
};

const incompleteMessage = (definition: InstrumentDefinition, unanswered: AnswerIssue[], entries: AnswerIssue[]): string => {
  const label = definition.instrument.toUpperCase();
  const parts = [
    unanswered.length > 0
      ? `every question needs an answer (yes, no or not known); unanswered: ${unanswered.map((i) => i.item).join(', ')}`
      : undefined,
    ...entries.map((i) => i.message),
  ].filter((part): part is string => part !== undefined);
  return `${label} incomplete: ${parts.join('; ')}.`;
};

const outcomeFor = (
  definition: InstrumentDefinition,
  answers: Answers,
  entries: RaterEntries,
  scores: ScoreResult[],
): AssessmentOutcome => {
  switch (definition.instrument) {
    case 'dash':
      return dashOutcome(definition, answers, entries, scores);
    case 's-dash': {
      const count = scores.find((s) => s.id === 'yes-count');
      return {
        kind: 's-dash',
        yesCount: count?.value ?? 0,
        notKnownCount: definition.items.filter((item) => answers[item.id] === 'not-known').length,
        unanswered: count?.missingItems ?? [],
      };
    }
    case 'sash':
      if (!entries.concernLevel)
        throw new AssessmentError('missing-entry', 'SASH needs the rater’s concern level (low, moderate or high).');
      return { kind: 'sash', concernLevel: entries.concernLevel, exPartnerCase: entries.exPartnerCase ?? false };
    case 'dara':
      if (!entries.riskGrade) throw new AssessmentError('missing-entry', 'DARA needs the risk grade entered by the assessor.');
      return { kind: 'dara', riskGrade: entries.riskGrade };
    case 'sai':
    case 'aaq-ii':
    case 'cfq-7':
    case 'compact':
      return { kind: 'scores' };
  }
};

/**
 * What a recorded assessment lacks by its definition version's rules: unanswered items and missing
 * rater entries. Empty for everything submitted since these rules; an earlier record (stored
 * documents are never re-scored) may lack them, and must be corrected before it is relied on.
 * An unknown definition version lists nothing (it cannot be judged here).
 */
export const missingFromRecord = (
  assessment: Assessment,
  definitions: readonly InstrumentDefinition[] = INSTRUMENT_DEFINITIONS,
): AnswerIssue[] => {
  const definition = findInstrumentDefinition(assessment.instrument, assessment.definitionVersion, definitions);
  if (!definition) return [];
  return [...unansweredItems(definition, assessment.answers, assessment.entries), ...missingEntries(definition, assessment.entries)];
};

const cleanAnswers = (answers: Answers): Readonly<Record<string, Answer>> =>
  Object.fromEntries(Object.entries(answers).filter((entry): entry is [string, Answer] => entry[1] !== null && entry[1] !== undefined));

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
};

const build = (
  definition: InstrumentDefinition,
  base: Omit<Assessment, 'answers' | 'entries' | 'scores' | 'outcome' | 'instrument' | 'definitionVersion'>,
  answers: Answers,
  entries: RaterEntries,
): Assessment => {
  const issues = validateAnswers(definition, answers, { exPartnerCase: entries.exPartnerCase });
  if (issues.length > 0) {
    throw new AssessmentError('invalid-answers', `Invalid answers: ${issues.map((i) => `${i.item}: ${i.message}`).join('; ')}`, issues);
  }
  if (entries.professionalJudgement && entries.professionalJudgement.reason.trim() === '') {
    throw new AssessmentError('reason-required', 'A professional judgement needs its reason recorded.');
  }
  const unanswered = unansweredItems(definition, answers, entries);
  const missing = missingEntries(definition, entries);
  if (unanswered.length > 0 || missing.length > 0) {
    throw new AssessmentError(
      unanswered.length > 0 ? 'unanswered-items' : 'missing-entry',
      incompleteMessage(definition, unanswered, missing),
      [...unanswered, ...missing],
    );
  }
  const kept = cleanAnswers(answers);
  const scores = scoreAnswers(definition, kept);
  const outcome = outcomeFor(definition, kept, entries, scores);
  return deepFreeze({
    ...base,
    instrument: definition.instrument,
    definitionVersion: definition.version,
    answers: { ...kept },
    // Copied so freezing never reaches the caller's objects.
    entries: structuredClone(entries),
    scores,
    outcome,
  });
};

/** A submitted assessment (version 1) with its raw answers kept and its scores computed. */
export const submitAssessment = (input: AssessmentInput): Assessment =>
  build(
    input.definition,
    {
      assessmentId: input.assessmentId,
      version: 1,
      subjectRef: input.subjectRef,
      assessor: input.assessor,
      assessedAt: input.assessedAt,
      ...(input.phase ? { phase: input.phase } : {}),
    },
    input.answers,
    input.entries ?? {},
  );

export type CorrectionOptions = {
  correctedBy?: string;
  correctedAt?: string;
  /** Rater entries to change (professional judgement, concern level, risk grade). */
  entries?: RaterEntries;
  /** Where to find the definition version the previous assessment was scored by. */
  definitions?: readonly InstrumentDefinition[];
};

/**
 * A correction: a NEW version of the assessment, scored again by the same definition version,
 * carrying the reason. `newAnswers` changes only the items it names (null clears an answer).
 * The previous version is never changed.
 */
export const correctAssessment = (
  previous: Assessment,
  newAnswers: Answers,
  reason: string,
  options: CorrectionOptions = {},
): Assessment => {
  if (reason.trim() === '') throw new AssessmentError('reason-required', 'A correction needs a reason.');
  const definition = findInstrumentDefinition(
    previous.instrument,
    previous.definitionVersion,
    options.definitions ?? INSTRUMENT_DEFINITIONS,
  );
  if (!definition) {
    throw new AssessmentError(
      'unknown-definition',
      `No definition ${previous.instrument} ${previous.definitionVersion} to score the correction with.`,
    );
  }
  const answers: Record<string, Answer | null | undefined> = { ...previous.answers, ...newAnswers };
  const changedItems = Object.keys(newAnswers).filter((id) => (previous.answers[id] ?? null) !== (newAnswers[id] ?? null));
  const entries: RaterEntries = { ...previous.entries, ...options.entries };
  const changedEntries = Object.keys(options.entries ?? {}).filter(
    (key) => JSON.stringify(previous.entries[key as keyof RaterEntries]) !== JSON.stringify(entries[key as keyof RaterEntries]),
  );
  if (changedItems.length === 0 && changedEntries.length === 0) {
    throw new AssessmentError('no-change', 'The correction changes nothing.');
  }
  return build(
    definition,
    {
      assessmentId: previous.assessmentId,
      version: previous.version + 1,
      subjectRef: previous.subjectRef,
      assessor: previous.assessor,
      assessedAt: previous.assessedAt,
      ...(previous.phase ? { phase: previous.phase } : {}),
      correction: {
        previousVersion: previous.version,
        reason: reason.trim(),
        ...(options.correctedBy ? { correctedBy: options.correctedBy } : {}),
        ...(options.correctedAt ? { correctedAt: options.correctedAt } : {}),
        changedItems,
        changedEntries,
      },
    },
    answers,
    entries,
  );
};

/** The latest version of each assessment (corrections supersede what they correct). */
export const latestVersions = (assessments: readonly Assessment[]): Assessment[] => {
  const latest = new Map<string, Assessment>();
  for (const assessment of assessments) {
    const current = latest.get(assessment.assessmentId);
    if (!current || assessment.version > current.version) latest.set(assessment.assessmentId, assessment);
  }
  return [...latest.values()];
};
