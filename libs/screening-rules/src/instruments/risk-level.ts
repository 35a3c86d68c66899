import { latestVersions } from './assessments';
import type { Assessment, DashGrade, SashConcern } from './instrument-types';

export const RISK_LEVELS = ['standard', 'medium', 'high', 'very-high'] as const;
/** The journey's risk level. */
export type RiskLevel = (typeof RISK_LEVELS)[number];

export type RiskBasis = {
  instrument: 'dash' | 'dara' | 'sash' | 'professional-judgement';
  assessmentId?: string;
  version?: number;
  level: RiskLevel;
  because: string;
};

export type RiskLevelResult = { level: RiskLevel | 'unknown'; reason: string; basis: RiskBasis[] };

export type RiskJudgement = { level: RiskLevel; reason: string; by: string };

const FROM_GRADE: Record<DashGrade, RiskLevel> = { standard: 'standard', medium: 'medium', high: 'high' };
const FROM_CONCERN: Record<SashConcern, RiskLevel> = { low: 'standard', moderate: 'medium', high: 'high' };

const rank = (level: RiskLevel): number => RISK_LEVELS.indexOf(level);

const newest = (assessments: readonly Assessment[], instrument: Assessment['instrument']): Assessment | undefined =>
  assessments
    .filter((a) => a.instrument === instrument)
    .sort((a, b) => (a.assessedAt === b.assessedAt ? b.version - a.version : b.assessedAt.localeCompare(a.assessedAt)))[0];

/**
 * The journey's risk level from the person's assessments: the highest of the newest DASH grade,
 * the newest DARA grade and the newest SASH concern level (corrections supersede the version they
 * correct). A recorded professional judgement can raise it, including to very high, never lower it.
 */
export const riskLevelFrom = (assessments: readonly Assessment[], options: { judgement?: RiskJudgement } = {}): RiskLevelResult => {
  const current = latestVersions(assessments);
  const basis: RiskBasis[] = [];
  for (const instrument of ['dash', 'dara', 'sash'] as const) {
    const assessment = newest(current, instrument);
    if (!assessment) continue;
    const outcome = assessment.outcome;
    const ref = { assessmentId: assessment.assessmentId, version: assessment.version };
    if (outcome.kind === 'dash')
      basis.push({
        instrument,
        ...ref,
        level: FROM_GRADE[outcome.grade],
        because: `DASH ${assessment.assessedAt}: ${outcome.gradeReason}`,
      });
    if (outcome.kind === 'dara')
      basis.push({
        instrument,
        ...ref,
        level: FROM_GRADE[outcome.riskGrade],
        because: `DARA ${assessment.assessedAt}: graded ${outcome.riskGrade}`,
      });
    if (outcome.kind === 'sash')
      basis.push({
        instrument,
        ...ref,
        level: FROM_CONCERN[outcome.concernLevel],
        because: `SASH ${assessment.assessedAt}: rater’s concern ${outcome.concernLevel}`,
      });
  }
  const judgement = options.judgement;
  if (judgement) {
    if (judgement.reason.trim() === '') throw new Error('a professional judgement needs its reason');
    basis.push({
      instrument: 'professional-judgement',
      level: judgement.level,
      because: `Professional judgement by ${judgement.by}: ${judgement.reason}`,
    });
  }
  if (basis.length === 0) return { level: 'unknown', reason: 'No DASH, DARA or SASH assessment yet.', basis };
  const top = basis.reduce((a, b) => (rank(b.level) > rank(a.level) ? b : a));
  const lowered = judgement && rank(judgement.level) < rank(top.level) ? ' (professional judgement cannot lower it)' : '';
  return { level: top.level, reason: `${top.level}: ${top.because}${lowered}`, basis };
};
