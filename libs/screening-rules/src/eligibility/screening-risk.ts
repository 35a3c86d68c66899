import { latestVersions, missingFromRecord } from '../instruments/assessments';
import type { Assessment } from '../instruments/instrument-types';
import { RISK_LEVELS, riskLevelFrom, type RiskBasis, type RiskLevel } from '../instruments/risk-level';

export type ScreeningRiskErrorCode =
  | 'risk-assessment-required'
  | 'risk-assessment-incomplete'
  | 'stalking-screen-required'
  | 'risk-level-below-instruments'
  | 'judgement-reason-required';

export class ScreeningRiskError extends Error {
  constructor(
    readonly code: ScreeningRiskErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ScreeningRiskError';
  }
}

/** What the investigator entered at screening: a level only to raise the instruments' one (professional judgement), with why. */
export type EnteredRisk = { level?: RiskLevel; reason?: string; by: string };

/** One thing the level came from: an assessment version, or the professional judgement that raised it. */
export type RiskSource = { instrument: RiskBasis['instrument']; assessmentId?: string; version?: number; level: RiskLevel };

export type ScreeningRisk = {
  /** The journey's risk level: the instruments' level, raised by professional judgement when one was entered. */
  level: RiskLevel;
  /** The instruments' own level (newest DASH, DARA and SASH versions), before any judgement. */
  instrumentLevel: RiskLevel;
  sources: RiskSource[];
  /** Plain words naming each assessment (instrument, id, version, level) and any judgement: the risk criterion's evidence. */
  evidence: string;
  /** Short form for the decision's reason: where the level came from. */
  summary: string;
};

const rank = (level: RiskLevel): number => RISK_LEVELS.indexOf(level);

const LABEL: Record<RiskBasis['instrument'], string> = {
  dash: 'DASH',
  dara: 'DARA',
  sash: 'SASH',
  'professional-judgement': 'professional judgement',
};

/** The instrument's own output, in its own words: a DASH or DARA grade, a SASH concern level. */
const gradeOf = (assessment: Assessment | undefined): string => {
  switch (assessment?.outcome.kind) {
    case 'dash':
      return `graded ${assessment.outcome.grade}`;
    case 'dara':
      return `graded ${assessment.outcome.riskGrade}`;
    case 'sash':
      return `rater's concern ${assessment.outcome.concernLevel}`;
    default:
      return 'level unknown';
  }
};

const sourceOf = (basis: RiskBasis): RiskSource => ({
  instrument: basis.instrument,
  ...(basis.assessmentId !== undefined ? { assessmentId: basis.assessmentId } : {}),
  ...(basis.version !== undefined ? { version: basis.version } : {}),
  level: basis.level,
});

const named = (basis: RiskBasis): string =>
  basis.instrument === 'professional-judgement'
    ? `${LABEL[basis.instrument]}: ${basis.level}`
    : `${LABEL[basis.instrument]} ${basis.assessmentId} version ${basis.version}: ${basis.level}`;

/**
 * DASH's stalking question opens the 11-question stalking screen (S-DASH): when the DASH the level
 * comes from answered it yes, a complete S-DASH must be on record before screening. It has no
 * threshold (no grade is invented from it); its answers are evidence for the assessor's judgement,
 * named in the risk criterion's evidence. Answers that evidence, or undefined when no DASH opened it.
 */
const stalkingScreenFor = (current: readonly Assessment[]): string | undefined => {
  const opening = current.filter((a) => a.outcome.kind === 'dash' && a.outcome.opensStalkingScreen);
  if (opening.length === 0) return undefined;
  const screens = current.filter((a) => a.instrument === 's-dash');
  const complete = screens.filter((a) => missingFromRecord(a).length === 0);
  if (complete.length === 0) {
    const dash = opening[0]!;
    const incomplete = screens.map(
      (a) =>
        `S-DASH ${a.assessmentId} (version ${a.version}) is incomplete (missing: ${missingFromRecord(a)
          .map((m) => m.item)
          .join(', ')})`,
    );
    throw new ScreeningRiskError(
      'stalking-screen-required',
      `DASH ${dash.assessmentId} (version ${dash.version}) answered yes to the stalking question, which opens the S-DASH: ${
        incomplete.length > 0
          ? `${incomplete.join('; ')}; correct it`
          : 'submit the S-DASH (11 questions, POST /assessments with instrument s-dash)'
      } before screening.`,
    );
  }
  return complete
    .map((a) => {
      const yes = Object.values(a.answers).filter((v) => v === 'yes').length;
      return `S-DASH ${a.assessmentId} version ${a.version}: ${yes} of ${Object.keys(a.answers).length} stalking questions answered yes`;
    })
    .join('; ');
};

/**
 * The journey's risk level at screening, worked out from the person's risk assessments on record
 * (the newest version of the newest DASH, DARA and SASH: `riskLevelFrom`), never from what is typed
 * on the eligibility form. A DASH or DARA must be on record: SASH gives a concern level, not the
 * force's risk grade. An entered level can only raise the instruments' level (professional
 * judgement, with its reason); a lower one is refused, naming the assessments it contradicts.
 */
export const screeningRisk = (subjectRef: string, assessments: readonly Assessment[], entered: EnteredRisk): ScreeningRisk => {
  const theirs = assessments.filter((a) => a.subjectRef === subjectRef);
  const current = latestVersions(theirs);
  if (!current.some((a) => a.instrument === 'dash' || a.instrument === 'dara')) {
    throw new ScreeningRiskError(
      'risk-assessment-required',
      `No DASH (or DARA) on record for ${subjectRef}: submit a complete DASH with the professional judgement first (POST /assessments). The journey's risk level comes from the risk instruments, not from the eligibility form.`,
    );
  }
  const instruments = riskLevelFrom(theirs);
  // A DASH or DARA is on record, so the instruments give a level.
  const instrumentLevel = instruments.level as RiskLevel;
  const byId = new Map(current.map((a) => [a.assessmentId, a]));
  // Recorded before every answer and the judgement were required: a blank counted silently then, so it cannot set a level now.
  const incomplete = instruments.basis
    .map((b) => byId.get(b.assessmentId ?? ''))
    .filter((a): a is Assessment => a !== undefined)
    .map((a) => ({ a, missing: missingFromRecord(a) }))
    .filter(({ missing }) => missing.length > 0);
  if (incomplete.length > 0) {
    throw new ScreeningRiskError(
      'risk-assessment-incomplete',
      `${incomplete.map(({ a, missing }) => `${LABEL[a.instrument as RiskBasis['instrument']]} ${a.assessmentId} (version ${a.version}) was recorded incomplete (missing: ${missing.map((m) => m.item).join(', ')})`).join('; ')}: correct it (POST /assessments/:id/corrections) with every answer and the judgement before screening.`,
    );
  }
  const stalkingScreen = stalkingScreenFor(current);
  if (entered.level !== undefined && rank(entered.level) < rank(instrumentLevel)) {
    const enteredLevel = entered.level;
    const above = instruments.basis.filter((b) => rank(b.level) > rank(enteredLevel));
    const contradicted = above.map(
      (b) => `${LABEL[b.instrument]} ${b.assessmentId} (version ${b.version}) ${gradeOf(byId.get(b.assessmentId ?? ''))}`,
    );
    throw new ScreeningRiskError(
      'risk-level-below-instruments',
      `Risk level ${enteredLevel} is lower than the risk instruments: ${contradicted.join('; ')}. An entered level can only raise the instruments' level (professional judgement); if an assessment is wrong, correct it (a new version with the reason).`,
    );
  }
  const raising = entered.level !== undefined && rank(entered.level) > rank(instrumentLevel);
  const reason = entered.reason?.trim() ?? '';
  if (raising && reason === '') {
    throw new ScreeningRiskError(
      'judgement-reason-required',
      `Raising the risk level above the instruments' ${instrumentLevel} is a professional judgement: say why in riskEvidence.`,
    );
  }
  const result =
    raising && entered.level !== undefined
      ? riskLevelFrom(theirs, { judgement: { level: entered.level, reason, by: entered.by } })
      : instruments;
  const level = result.level as RiskLevel;
  const assessed = result.basis.filter((b) => b.instrument !== 'professional-judgement');
  const judgement = result.basis.find((b) => b.instrument === 'professional-judgement');
  const evidence = [
    `Risk ${level} from the risk instruments: ${assessed.map((b) => `${named(b)} (${b.because})`).join('; ')}`,
    judgement ? `raised to ${judgement.level}: ${judgement.because}` : undefined,
    stalkingScreen,
    !raising && reason !== '' ? `investigator's note: ${reason}` : undefined,
  ]
    .filter((part): part is string => part !== undefined)
    .join('; ');
  const summary = `Risk ${level} from ${[...assessed.map(named), ...(judgement ? [`professional judgement by ${entered.by} (${judgement.level})`] : [])].join(', ')}.`;
  return { level, instrumentLevel, sources: result.basis.map(sourceOf), evidence, summary };
};
