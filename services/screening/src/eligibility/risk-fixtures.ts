import {
  DASH_V2009,
  SASH_V1,
  S_DASH_V1,
  screeningRisk,
  submitAssessment,
  type Assessment,
  type DashGrade,
  type ScreeningRisk,
} from '@easi/screening-rules';

/** The person the eligibility unit tests screen, and the assessments filed under them (real scoring, no store). */
export const PERSON = 'P-4471';

export const dashOnRecord = (id: string, yes: number, judgement: DashGrade = 'standard'): Assessment =>
  submitAssessment({
    assessmentId: id,
    subjectRef: PERSON,
    assessor: 'pc-42',
    assessedAt: '2026-11-20T10:00:00Z',
    definition: DASH_V2009,
    answers: Object.fromEntries(DASH_V2009.items.map((item, index) => [item.id, index < yes ? 'yes' : 'no'])),
    entries: { professionalJudgement: { grade: judgement, reason: 'victim account and police history checked' } },
  });

/** The stalking screen a DASH with the stalking question answered yes opens (any DASH with 8 or more "yes" here). */
export const sdashOnRecord = (id: string): Assessment =>
  submitAssessment({
    assessmentId: id,
    subjectRef: PERSON,
    assessor: 'pc-42',
    assessedAt: '2026-11-20T10:30:00Z',
    definition: S_DASH_V1,
    answers: Object.fromEntries(S_DASH_V1.items.map((item, index) => [item.id, index < 4 ? 'yes' : 'no'])),
    entries: {},
  });

export const sashOnRecord = (id: string, concernLevel: 'low' | 'moderate' | 'high'): Assessment =>
  submitAssessment({
    assessmentId: id,
    subjectRef: PERSON,
    assessor: 'pc-42',
    assessedAt: '2026-11-21T10:00:00Z',
    definition: SASH_V1,
    answers: Object.fromEntries(SASH_V1.items.filter((i) => !i.onlyWhenExPartner).map((i) => [i.id, 'no'])),
    entries: { concernLevel },
  });

/** The risk level as the service works it out from these assessments (what ScreeningRiskService returns after its reads). */
export const riskFrom = (
  assessments: readonly Assessment[],
  entered: { level?: 'standard' | 'medium' | 'high' | 'very-high'; reason?: string } = {},
): ScreeningRisk => screeningRisk(PERSON, assessments, { ...entered, by: 'police:pc-42' });
