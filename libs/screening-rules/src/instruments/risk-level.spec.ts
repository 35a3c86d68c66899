import { correctAssessment, submitAssessment } from './assessments';
import { DARA_V1, DASH_V2009, SASH_V1 } from './definitions';
import type { Answers, InstrumentDefinition, RaterEntries } from './instrument-types';
import { riskLevelFrom } from './risk-level';

const assess = (id: string, definition: InstrumentDefinition, assessedAt: string, answers: Answers, entries?: RaterEntries) =>
  submitAssessment({ assessmentId: id, subjectRef: 'P-1', assessor: 'pc-1', assessedAt, definition, answers, entries });

const dashYes = (count: number): Answers => Object.fromEntries(DASH_V2009.items.map((i, index) => [i.id, index < count ? 'yes' : 'no']));
const judged: RaterEntries = { professionalJudgement: { grade: 'standard', reason: 'no further concerns from the victim' } };
const all = (definition: InstrumentDefinition): Answers =>
  Object.fromEntries(definition.items.filter((i) => !i.onlyWhenExPartner).map((i) => [i.id, 'no']));

describe('riskLevelFrom', () => {
  it('should be unknown when there is no DASH, DARA or SASH', () => {
    expect(riskLevelFrom([])).toEqual({ level: 'unknown', reason: 'No DASH, DARA or SASH assessment yet.', basis: [] });
  });

  it('should take the highest level and say which instrument drove it when several are recorded', () => {
    const dash = assess('D', DASH_V2009, '2026-01-01T00:00:00Z', dashYes(3), judged);
    const sash = assess('S', SASH_V1, '2026-01-02T00:00:00Z', all(SASH_V1), { concernLevel: 'moderate' });
    const result = riskLevelFrom([dash, sash]);
    expect(result.level).toBe('medium');
    expect(result.reason).toMatch(/^medium: SASH/);
    expect(result.basis.map((b) => b.instrument)).toEqual(['dash', 'sash']);
  });

  it('should be high when DASH has 14 or more "yes"', () => {
    expect(riskLevelFrom([assess('D', DASH_V2009, '2026-01-01T00:00:00Z', dashYes(14), judged)]).level).toBe('high');
  });

  it('should use the newest assessment of each instrument when there are several', () => {
    const older = assess('D1', DARA_V1, '2026-01-01T00:00:00Z', all(DARA_V1), { riskGrade: 'high' });
    const newer = assess('D2', DARA_V1, '2026-03-01T00:00:00Z', all(DARA_V1), { riskGrade: 'standard' });
    expect(riskLevelFrom([older, newer]).level).toBe('standard');
  });

  it('should use the corrected version when an assessment was corrected', () => {
    const sash = assess('S', SASH_V1, '2026-01-02T00:00:00Z', all(SASH_V1), { concernLevel: 'low' });
    const corrected = correctAssessment(sash, {}, 'rater entered the wrong level', { entries: { concernLevel: 'high' } });
    expect(riskLevelFrom([sash, corrected])).toMatchObject({ level: 'high', basis: [{ assessmentId: 'S', version: 2 }] });
  });

  it('should raise the level to very high when a professional judgement says so', () => {
    const dash = assess('D', DASH_V2009, '2026-01-01T00:00:00Z', dashYes(15), judged);
    const result = riskLevelFrom([dash], { judgement: { level: 'very-high', reason: 'MARAC: imminent risk', by: 'di-1' } });
    expect(result.level).toBe('very-high');
    expect(result.reason).toContain('MARAC: imminent risk');
  });

  it('should not lower the level when a professional judgement is lower', () => {
    const dash = assess('D', DASH_V2009, '2026-01-01T00:00:00Z', dashYes(15), judged);
    const result = riskLevelFrom([dash], { judgement: { level: 'standard', reason: 'seems calm', by: 'pc-9' } });
    expect(result.level).toBe('high');
    expect(result.reason).toContain('cannot lower');
  });

  it('should refuse a professional judgement when it has no reason', () => {
    expect(() => riskLevelFrom([], { judgement: { level: 'high', reason: '', by: 'x' } })).toThrow(/reason/);
  });
});
