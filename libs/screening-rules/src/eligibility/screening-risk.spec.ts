import { assessEligibility } from './assess-eligibility';
import { screeningRisk, ScreeningRiskError } from './screening-risk';
import { correctAssessment, submitAssessment } from '../instruments/assessments';
import { DARA_V1, DASH_V2009, SASH_V1, S_DASH_V1 } from '../instruments/definitions';
import type { Answers, Assessment, DashGrade, InstrumentDefinition, RaterEntries } from '../instruments/instrument-types';

const PERSON = 'P-100';
const BY = 'police:pc-42';

const assess = (
  id: string,
  definition: InstrumentDefinition,
  answers: Answers,
  entries: RaterEntries,
  assessedAt = '2026-02-01T10:00:00Z',
  subjectRef = PERSON,
): Assessment => submitAssessment({ assessmentId: id, subjectRef, assessor: 'pc-42', assessedAt, definition, answers, entries });

const dash = (id: string, yes: number, judgement: DashGrade = 'standard', assessedAt?: string): Assessment =>
  assess(
    id,
    DASH_V2009,
    Object.fromEntries(DASH_V2009.items.map((item, index) => [item.id, index < yes ? 'yes' : 'no'])),
    { professionalJudgement: { grade: judgement, reason: 'victim and history checked' } },
    assessedAt,
  );
const sdash = (id: string, yes = 3): Assessment =>
  assess(
    id,
    S_DASH_V1,
    Object.fromEntries(S_DASH_V1.items.map((item, index) => [item.id, index < yes ? 'yes' : 'no'])),
    {},
    '2026-02-01T10:30:00Z',
  );
const allNo = (definition: InstrumentDefinition): Answers =>
  Object.fromEntries(definition.items.filter((i) => !i.onlyWhenExPartner).map((i) => [i.id, 'no']));

const refusal = (work: () => unknown): ScreeningRiskError => {
  try {
    work();
  } catch (error) {
    if (error instanceof ScreeningRiskError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('screeningRisk', () => {
  it('should refuse to screen on a DASH whose stalking question was answered yes until the S-DASH it opens is on record', () => {
    const high = dash('dash-1', 15, 'high');
    expect(high.outcome).toMatchObject({ opensStalkingScreen: true });
    const error = refusal(() => screeningRisk(PERSON, [high], { by: BY }));
    expect(error.code).toBe('stalking-screen-required');
    expect(error.message).toContain('DASH dash-1 (version 1) answered yes to the stalking question');
    const risk = screeningRisk(PERSON, [high, sdash('sdash-1', 4)], { by: BY });
    expect(risk.level).toBe('high');
    expect(risk.evidence).toContain('S-DASH sdash-1 version 1: 4 of 11 stalking questions answered yes');
  });

  it('should not ask for an S-DASH when the DASH answered the stalking question no', () => {
    expect(dash('dash-2', 6, 'medium').outcome).toMatchObject({ opensStalkingScreen: false });
    expect(screeningRisk(PERSON, [dash('dash-2', 6, 'medium')], { by: BY }).evidence).not.toContain('S-DASH');
  });

  it('should refuse an S-DASH recorded with blanks under the earlier rules as the stalking screen', () => {
    const blank = sdash('sdash-2');
    const { [S_DASH_V1.items[0]!.id]: _first, ...rest } = blank.answers;
    const error = refusal(() => screeningRisk(PERSON, [dash('dash-1', 15, 'high'), { ...blank, answers: rest }], { by: BY }));
    expect(error.code).toBe('stalking-screen-required');
    expect(error.message).toContain('S-DASH sdash-2 (version 1) is incomplete');
  });

  it('should take the level from the DASH and name the assessment and its version when nothing is entered', () => {
    const risk = screeningRisk(PERSON, [dash('dash-1', 15, 'high'), sdash('sdash-1')], { by: BY });
    expect(risk).toMatchObject({
      level: 'high',
      instrumentLevel: 'high',
      sources: [{ instrument: 'dash', assessmentId: 'dash-1', version: 1, level: 'high' }],
    });
    expect(risk.evidence).toContain('DASH dash-1 version 1: high');
  });

  it('should refuse a lower entered level and name the instrument, its grade and the assessment when the DASH is high', () => {
    const error = refusal(() => screeningRisk(PERSON, [dash('dash-1', 15, 'high'), sdash('sdash-1')], { level: 'standard', by: BY }));
    expect(error.code).toBe('risk-level-below-instruments');
    expect(error.message).toMatch(/standard is lower than the risk instruments/);
    expect(error.message).toContain('DASH dash-1 (version 1) graded high');
  });

  it('should refuse an entered standard when the assessor judged the DASH medium below 14 "yes"', () => {
    const error = refusal(() => screeningRisk(PERSON, [dash('dash-2', 6, 'medium')], { level: 'standard', by: BY }));
    expect(error).toMatchObject({ code: 'risk-level-below-instruments' });
    expect(error.message).toContain('DASH dash-2 (version 1) graded medium');
  });

  it('should refuse an entered level below a SASH concern when the SASH is higher than the DASH', () => {
    const sash = assess('sash-1', SASH_V1, allNo(SASH_V1), { concernLevel: 'high' });
    const error = refusal(() => screeningRisk(PERSON, [dash('dash-1', 2), sash], { level: 'medium', by: BY }));
    expect(error.message).toContain("SASH sash-1 (version 1) rater's concern high");
    expect(error.message).not.toContain('dash-1');
  });

  it('should accept an entered level equal to the instruments when it confirms them', () => {
    expect(screeningRisk(PERSON, [dash('dash-1', 6, 'medium')], { level: 'medium', by: BY })).toMatchObject({
      level: 'medium',
      instrumentLevel: 'medium',
    });
  });

  it('should raise the level on professional judgement with its reason when the entered level is higher', () => {
    const risk = screeningRisk(PERSON, [dash('dash-1', 3)], {
      level: 'very-high',
      reason: 'threatened to kill her at the school gate yesterday',
      by: BY,
    });
    expect(risk).toMatchObject({ level: 'very-high', instrumentLevel: 'standard' });
    expect(risk.sources.map((s) => s.instrument)).toEqual(['dash', 'professional-judgement']);
    expect(risk.evidence).toContain('threatened to kill her at the school gate yesterday');
    expect(risk.evidence).toContain('DASH dash-1 version 1: standard');
  });

  it('should refuse a raised level when no reason is given for the judgement', () => {
    expect(refusal(() => screeningRisk(PERSON, [dash('dash-1', 3)], { level: 'high', reason: '  ', by: BY })).code).toBe(
      'judgement-reason-required',
    );
  });

  it('should refuse when no DASH or DARA is on record for the person', () => {
    const error = refusal(() => screeningRisk(PERSON, [], { level: 'standard', by: BY }));
    expect(error.code).toBe('risk-assessment-required');
    expect(error.message).toMatch(/submit a complete DASH/);
  });

  it('should refuse when only a SASH is on record because the risk grade comes from DASH or DARA', () => {
    const sash = assess('sash-1', SASH_V1, allNo(SASH_V1), { concernLevel: 'low' });
    expect(refusal(() => screeningRisk(PERSON, [sash], { by: BY })).code).toBe('risk-assessment-required');
  });

  it('should ignore another person’s assessments when they are passed in', () => {
    const theirs = assess(
      'dash-x',
      DASH_V2009,
      Object.fromEntries(DASH_V2009.items.map((i) => [i.id, 'no'])),
      { professionalJudgement: { grade: 'standard', reason: 'r' } },
      undefined,
      'P-999',
    );
    expect(refusal(() => screeningRisk(PERSON, [theirs], { by: BY })).code).toBe('risk-assessment-required');
  });

  it('should use the newest version of a corrected DASH and name that version', () => {
    const original = dash('dash-1', 3);
    const corrected = correctAssessment(original, {}, 'supervisor review: threats to kill', {
      entries: { professionalJudgement: { grade: 'high', reason: 'threats to kill' } },
    });
    const risk = screeningRisk(PERSON, [original, corrected], { by: BY });
    expect(risk).toMatchObject({ level: 'high', sources: [{ assessmentId: 'dash-1', version: 2 }] });
    expect(refusal(() => screeningRisk(PERSON, [original, corrected], { level: 'standard', by: BY })).message).toContain(
      'DASH dash-1 (version 2) graded high',
    );
  });

  it('should refuse a DASH recorded incomplete before every answer and the judgement were required, naming what it lacks', () => {
    // As stored by the earlier rules: two answers, no judgement, graded standard.
    const earlier: Assessment = { ...dash('dash-old', 2), answers: { q1: 'yes', q2: 'yes' }, entries: {} };
    const error = refusal(() => screeningRisk(PERSON, [earlier], { by: BY }));
    expect(error.code).toBe('risk-assessment-incomplete');
    expect(error.message).toContain('DASH dash-old (version 1) was recorded incomplete (missing: q3,');
    expect(error.message).toContain('professionalJudgement');
    const completed = correctAssessment(
      earlier,
      Object.fromEntries(DASH_V2009.items.map((i) => [i.id, 'no'])),
      'completed with the victim',
      {
        entries: { professionalJudgement: { grade: 'medium', reason: 'repeat victim' } },
      },
    );
    expect(screeningRisk(PERSON, [earlier, completed], { by: BY })).toMatchObject({
      level: 'medium',
      sources: [{ assessmentId: 'dash-old', version: 2 }],
    });
  });

  it('should use the newest DARA over an older DASH and take the highest across instruments', () => {
    const dara = assess('dara-1', DARA_V1, allNo(DARA_V1), { riskGrade: 'medium' }, '2026-03-01T10:00:00Z');
    expect(screeningRisk(PERSON, [dash('dash-1', 2), dara], { by: BY })).toMatchObject({ level: 'medium', instrumentLevel: 'medium' });
  });

  it('should make the risk criterion not met and the candidate ineligible when the instruments say high, whatever was entered', () => {
    const risk = screeningRisk(PERSON, [dash('dash-1', 15, 'high'), sdash('sdash-1')], { by: BY });
    const result = assessEligibility({ riskLevel: risk.level, riskEvidence: risk.evidence });
    expect(result.overall).toBe('ineligible');
    expect(result.criteria.find((c) => c.criterion === 'risk-level')?.evidence.join(' ')).toContain('DASH dash-1 version 1');
  });
});
