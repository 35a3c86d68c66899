import { AssessmentError, correctAssessment, latestVersions, submitAssessment } from './assessments';
import { AAQ_II_V1, configureInstrument, DARA_V1, DASH_V2009, S_DASH_V1, SAI_V1, SASH_V1 } from './definitions';
import type { Answers, Assessment, AssessmentInput, InstrumentDefinition, RaterEntries } from './instrument-types';

const submit = (definition: InstrumentDefinition, answers: Answers, entries?: RaterEntries, overrides: Partial<AssessmentInput> = {}) =>
  submitAssessment({
    assessmentId: 'A-1',
    subjectRef: 'P-100',
    assessor: 'pc-42',
    assessedAt: '2026-02-01T10:00:00Z',
    definition,
    answers,
    entries,
    ...overrides,
  });

const dashAnswers = (yes: number, rest: 'no' | 'not-known' = 'no'): Answers =>
  Object.fromEntries(DASH_V2009.items.map((item, index) => [item.id, index < yes ? 'yes' : rest]));
/** Every item of a definition answered the same way (the ex-partner questions too unless `exPartner` is false). */
const allAnswered = (definition: InstrumentDefinition, answer: string, exPartner = true): Answers =>
  Object.fromEntries(definition.items.filter((item) => exPartner || !item.onlyWhenExPartner).map((item) => [item.id, answer]));
const judged = (grade: 'standard' | 'medium' | 'high' = 'standard', reason = 'checked with the victim and the history'): RaterEntries => ({
  professionalJudgement: { grade, reason },
});

describe('DASH', () => {
  it('should have 27 yes/no/not-known questions when defined', () => {
    expect(DASH_V2009.items).toHaveLength(27);
    expect(DASH_V2009.scale).toEqual({ kind: 'yes-no-not-known' });
  });

  it('should count "yes" answers and keep the judged grade when fewer than 14', () => {
    const { outcome } = submit(DASH_V2009, dashAnswers(13), judged('standard'));
    expect(outcome).toMatchObject({ kind: 'dash', yesCount: 13, suggestedGrade: 'standard', grade: 'standard', unanswered: [] });
  });

  it('should suggest high when 14 or more are "yes"', () => {
    expect(submit(DASH_V2009, dashAnswers(14), judged('high')).outcome).toMatchObject({
      yesCount: 14,
      suggestedGrade: 'high',
      grade: 'high',
    });
  });

  it('should take "not known" as an answer and count it apart from "yes" when every item is answered', () => {
    expect(submit(DASH_V2009, dashAnswers(3, 'not-known'), judged('medium')).outcome).toMatchObject({
      yesCount: 3,
      notKnownCount: 24,
      unanswered: [],
      grade: 'medium',
    });
  });

  it('should refuse a blank DASH and list every unanswered question when no answer is given', () => {
    const refusal = () => submit(DASH_V2009, {}, judged('standard'));
    expect(refusal).toThrow(expect.objectContaining({ code: 'unanswered-items' }));
    expect(refusal).toThrow(/q1, q2, .*q27/);
    expect(refusal).toThrow(
      expect.objectContaining({
        issues: DASH_V2009.items.map((item) => ({ item: item.id, message: 'not answered: yes, no or not-known' })),
      }),
    );
  });

  it('should refuse a partly answered DASH and name the missing questions when some are null or absent', () => {
    const { q26: _absent, ...answers }: Record<string, Answers[string]> = { ...dashAnswers(3, 'not-known'), q27: null };
    expect(() => submit(DASH_V2009, answers, judged('standard'))).toThrow(
      expect.objectContaining({
        code: 'unanswered-items',
        issues: [
          { item: 'q26', message: 'not answered: yes, no or not-known' },
          { item: 'q27', message: 'not answered: yes, no or not-known' },
        ],
      }),
    );
  });

  it('should refuse a complete DASH when the professional judgement is not recorded', () => {
    expect(() => submit(DASH_V2009, dashAnswers(5))).toThrow(
      expect.objectContaining({
        code: 'missing-entry',
        issues: [{ item: 'professionalJudgement', message: expect.stringMatching(/grade and reason/) }],
      }),
    );
  });

  it('should refuse a DASH with 14 or more "yes" when the professional judgement is not recorded', () => {
    expect(() => submit(DASH_V2009, dashAnswers(20))).toThrow(expect.objectContaining({ code: 'missing-entry' }));
  });

  it('should name both the unanswered questions and the missing judgement when both are missing', () => {
    expect(() => submit(DASH_V2009, { q1: 'yes' })).toThrow(
      expect.objectContaining({
        code: 'unanswered-items',
        issues: expect.arrayContaining([
          { item: 'q2', message: 'not answered: yes, no or not-known' },
          expect.objectContaining({ item: 'professionalJudgement' }),
        ]),
      }),
    );
  });

  it('should raise the grade when professional judgement is higher and record why', () => {
    const { outcome } = submit(DASH_V2009, dashAnswers(5), {
      professionalJudgement: { grade: 'high', reason: 'escalating threats to kill' },
    });
    expect(outcome).toMatchObject({ suggestedGrade: 'standard', grade: 'high' });
    if (outcome.kind !== 'dash') throw new Error('dash');
    expect(outcome.gradeReason).toContain('escalating threats to kill');
  });

  it('should not lower the grade when professional judgement is lower', () => {
    const { outcome } = submit(DASH_V2009, dashAnswers(15), { professionalJudgement: { grade: 'medium', reason: 'victim minimises' } });
    expect(outcome).toMatchObject({ grade: 'high' });
    if (outcome.kind !== 'dash') throw new Error('dash');
    expect(outcome.gradeReason).toContain('cannot lower');
  });

  it('should refuse a professional judgement when it has no reason', () => {
    expect(() => submit(DASH_V2009, dashAnswers(1), { professionalJudgement: { grade: 'medium', reason: ' ' } })).toThrow(
      expect.objectContaining({ code: 'reason-required' }),
    );
  });

  it('should open the S-DASH when the stalking question is "yes"', () => {
    expect(submit(DASH_V2009, { ...dashAnswers(0), q8: 'yes' }, judged()).outcome).toMatchObject({ opensStalkingScreen: true });
    expect(submit(DASH_V2009, dashAnswers(0), judged()).outcome).toMatchObject({ opensStalkingScreen: false });
  });

  it('should refuse an answer when it is not yes, no or not-known', () => {
    expect(() => submit(DASH_V2009, { ...dashAnswers(0), q1: 'maybe' }, judged())).toThrow(
      expect.objectContaining({ code: 'invalid-answers', issues: [{ item: 'q1', message: 'must be yes, no or not-known' }] }),
    );
  });

  it('should use configured thresholds when a version sets a medium yes-count', () => {
    const local: InstrumentDefinition = { ...DASH_V2009, version: 'dash-local-2', grading: { highAtYes: 14, mediumAtYes: 8 } };
    expect(submit(local, dashAnswers(9), judged('standard')).outcome).toMatchObject({ suggestedGrade: 'medium', grade: 'medium' });
  });

  it('should require every answer in a force’s configured version when it is configured from the shipped DASH', () => {
    const local = configureInstrument(DASH_V2009, 'dash-local-3', { items: { q1: { text: 'Injury now' } } });
    expect(() => submit(local, { q1: 'yes' }, judged())).toThrow(expect.objectContaining({ code: 'unanswered-items' }));
  });
});

describe('S-DASH', () => {
  it('should count "yes" and "not known" without grading when the 11 questions are answered', () => {
    expect(S_DASH_V1.items).toHaveLength(11);
    expect(submit(S_DASH_V1, { ...allAnswered(S_DASH_V1, 'no'), s1: 'yes', s2: 'yes', s3: 'not-known' }).outcome).toEqual({
      kind: 's-dash',
      yesCount: 2,
      notKnownCount: 1,
      unanswered: [],
    });
  });

  it('should refuse an S-DASH and list the unanswered questions when some are not answered', () => {
    expect(() => submit(S_DASH_V1, { s1: 'yes', s2: 'yes', s3: 'not-known' })).toThrow(
      expect.objectContaining({
        code: 'unanswered-items',
        issues: S_DASH_V1.items.slice(3).map((item) => ({ item: item.id, message: 'not answered: yes, no or not-known' })),
      }),
    );
  });
});

describe('SASH', () => {
  it('should hold 13 questions plus 3 for ex-partner cases when defined', () => {
    expect(SASH_V1.items.filter((i) => !i.onlyWhenExPartner)).toHaveLength(13);
    expect(SASH_V1.items.filter((i) => i.onlyWhenExPartner)).toHaveLength(3);
  });

  it('should record the rater’s concern level and compute no score when submitted', () => {
    const assessment = submit(
      SASH_V1,
      { ...allAnswered(SASH_V1, 'no'), q1: 'yes', x1: 'yes' },
      { concernLevel: 'moderate', exPartnerCase: true },
    );
    expect(assessment.outcome).toEqual({ kind: 'sash', concernLevel: 'moderate', exPartnerCase: true });
    expect(assessment.scores).toEqual([]);
  });

  it('should refuse a SASH when the concern level is missing', () => {
    expect(() => submit(SASH_V1, allAnswered(SASH_V1, 'no', false))).toThrow(
      expect.objectContaining({ code: 'missing-entry', issues: [expect.objectContaining({ item: 'concernLevel' })] }),
    );
  });

  it('should refuse a SASH with a concern level when its questions are not answered', () => {
    expect(() => submit(SASH_V1, { q1: 'yes' }, { concernLevel: 'low' })).toThrow(
      expect.objectContaining({
        code: 'unanswered-items',
        issues: SASH_V1.items
          .filter((i) => !i.onlyWhenExPartner && i.id !== 'q1')
          .map((item) => ({ item: item.id, message: 'not answered: yes, no or not-known' })),
      }),
    );
  });

  it('should require the three ex-partner questions when the case is an ex-partner case', () => {
    expect(() => submit(SASH_V1, allAnswered(SASH_V1, 'no', false), { concernLevel: 'low', exPartnerCase: true })).toThrow(
      expect.objectContaining({
        code: 'unanswered-items',
        issues: ['x1', 'x2', 'x3'].map((item) => ({ item, message: 'not answered: yes, no or not-known' })),
      }),
    );
  });

  it('should not ask the ex-partner questions when the case is not an ex-partner case', () => {
    expect(submit(SASH_V1, allAnswered(SASH_V1, 'not-known', false), { concernLevel: 'low', exPartnerCase: false }).outcome).toEqual({
      kind: 'sash',
      concernLevel: 'low',
      exPartnerCase: false,
    });
  });

  it('should refuse ex-partner questions when the case is not an ex-partner case', () => {
    expect(() =>
      submit(SASH_V1, { ...allAnswered(SASH_V1, 'no', false), x2: 'no' }, { concernLevel: 'low', exPartnerCase: false }),
    ).toThrow(expect.objectContaining({ issues: [{ item: 'x2', message: 'asked only in ex-partner cases' }] }));
  });
});

describe('DARA', () => {
  it('should keep the entered risk grade with the raw answers when submitted', () => {
    const answers = { ...allAnswered(DARA_V1, 'no'), q1: 'yes' };
    const assessment = submit(DARA_V1, answers, { riskGrade: 'medium' });
    expect(assessment.outcome).toEqual({ kind: 'dara', riskGrade: 'medium' });
    expect(assessment.answers).toEqual(answers);
  });

  it('should refuse a DARA when its risk grade is missing', () => {
    expect(() => submit(DARA_V1, allAnswered(DARA_V1, 'no'))).toThrow(AssessmentError);
    expect(() => submit(DARA_V1, allAnswered(DARA_V1, 'no'))).toThrow(
      expect.objectContaining({ code: 'missing-entry', issues: [expect.objectContaining({ item: 'riskGrade' })] }),
    );
  });

  it('should refuse a DARA with a risk grade when its questions are not all answered', () => {
    expect(() => submit(DARA_V1, { q1: 'yes', q2: 'no' }, { riskGrade: 'standard' })).toThrow(
      expect.objectContaining({
        code: 'unanswered-items',
        issues: DARA_V1.items.slice(2).map((item) => ({ item: item.id, message: 'not answered: yes, no or not-known' })),
      }),
    );
  });

  it('should take configured item text as a new version when a force sets it', () => {
    const local = configureInstrument(DARA_V1, 'dara-wmp-1', { items: { q1: { text: 'Has the abuser strangled you?' } } });
    expect(local.items[0].text).toBe('Has the abuser strangled you?');
    expect(DARA_V1.items[0].text).toBe('DARA question 1');
    expect(() => configureInstrument(DARA_V1, DARA_V1.version, {})).toThrow(/own version/);
    expect(() => configureInstrument(DARA_V1, 'x', { items: { nope: { text: 'x' } } })).toThrow(/unknown item/);
  });
});

describe('SAI', () => {
  const indices = (value: number): Record<string, number> => Object.fromEntries(SAI_V1.items.map((item) => [item.id, value]));

  it('should total each index when every item is answered', () => {
    expect(submit(SAI_V1, indices(2)).scores.map((s) => [s.id, s.value, s.prorated])).toEqual([
      ['victimisation', 20, false],
      ['perpetration', 20, false],
    ]);
  });

  it('should prorate an index openly, never count a missing item as 0, when one item of it is missing', () => {
    const { v1: _missing, ...answers } = indices(2);
    expect(submit(SAI_V1, answers).scores[0]).toMatchObject({ id: 'victimisation', value: 20, prorated: true, missingItems: ['v1'] });
  });

  it('should give no index total with the reason when more of its items are missing', () => {
    const { v1: _a, v2: _b, ...answers } = indices(2);
    expect(submit(SAI_V1, answers).scores[0]).toMatchObject({
      value: null,
      missingItems: ['v1', 'v2'],
      reason: expect.stringMatching(/2 of 10 missing/),
    });
  });
});

describe('corrections', () => {
  const original = submit(AAQ_II_V1, { i1: 2, i2: 2, i3: 2, i4: 2, i5: 2, i6: 2, i7: 2 }, undefined, { phase: 'pre' });

  it('should make a new version with the reason and the new score when an answer is corrected', () => {
    const corrected = correctAssessment(original, { i1: 6 }, 'item 1 transcribed wrongly', {
      correctedBy: 'psy-3',
      correctedAt: '2026-02-02T09:00:00Z',
    });
    expect(corrected).toMatchObject({ assessmentId: 'A-1', version: 2, phase: 'pre', answers: { i1: 6, i2: 2 } });
    expect(corrected.correction).toEqual({
      previousVersion: 1,
      reason: 'item 1 transcribed wrongly',
      correctedBy: 'psy-3',
      correctedAt: '2026-02-02T09:00:00Z',
      changedItems: ['i1'],
      changedEntries: [],
    });
    expect(corrected.scores[0].value).toBe(18);
  });

  it('should never change the previous version when correcting', () => {
    const before = JSON.stringify(original);
    correctAssessment(original, { i1: 7 }, 'typo');
    expect(JSON.stringify(original)).toBe(before);
    expect(Object.isFrozen(original)).toBe(true);
    expect(Object.isFrozen(original.answers)).toBe(true);
  });

  it('should clear an answer when the correction sets it to null and apply the missing-data rule', () => {
    const corrected = correctAssessment(original, { i7: null, i6: null }, 'items 6 and 7 were not asked');
    expect(corrected.answers).not.toHaveProperty('i7');
    expect(corrected.scores[0]).toMatchObject({ value: null, missingItems: ['i6', 'i7'] });
  });

  it('should refuse a correction when it has no reason', () => {
    expect(() => correctAssessment(original, { i1: 3 }, '  ')).toThrow(expect.objectContaining({ code: 'reason-required' }));
  });

  it('should refuse a correction when it changes nothing', () => {
    expect(() => correctAssessment(original, { i1: 2 }, 'same')).toThrow(expect.objectContaining({ code: 'no-change' }));
  });

  it('should refuse a correction when the corrected answers are invalid', () => {
    expect(() => correctAssessment(original, { i1: 9 }, 'oops')).toThrow(expect.objectContaining({ code: 'invalid-answers' }));
  });

  it('should correct a rater entry and re-grade when the DASH professional judgement changes', () => {
    const dash = submit(DASH_V2009, dashAnswers(4), judged('standard'));
    const corrected = correctAssessment(dash, {}, 'supervisor review', {
      entries: { professionalJudgement: { grade: 'medium', reason: 'repeat victim' } },
    });
    expect(corrected.outcome).toMatchObject({ grade: 'medium' });
    expect(corrected.correction?.changedEntries).toEqual(['professionalJudgement']);
    expect(dash.outcome).toMatchObject({ grade: 'standard' });
  });

  it('should re-grade a DASH correction from the merged answers when answers change', () => {
    const dash = submit(DASH_V2009, dashAnswers(14), judged('standard'));
    const corrected = correctAssessment(dash, { q1: 'no', q2: 'not-known' }, 'victim clarified questions 1 and 2');
    expect(corrected.outcome).toMatchObject({ yesCount: 12, notKnownCount: 1, grade: 'standard', unanswered: [] });
  });

  it('should refuse a DASH correction when it clears an answer', () => {
    const dash = submit(DASH_V2009, dashAnswers(14), judged('high'));
    expect(() => correctAssessment(dash, { q3: null }, 'question 3 was not asked')).toThrow(
      expect.objectContaining({ code: 'unanswered-items', issues: [{ item: 'q3', message: 'not answered: yes, no or not-known' }] }),
    );
  });

  it('should refuse a correction of an earlier incomplete DASH when it leaves questions or the judgement missing', () => {
    // As recorded before every answer and the judgement were required (stored documents are never re-scored).
    const earlier: Assessment = { ...submit(DASH_V2009, dashAnswers(2), judged()), answers: { q1: 'yes', q2: 'yes' }, entries: {} };
    expect(() => correctAssessment(earlier, { q3: 'no' }, 'adding question 3')).toThrow(
      expect.objectContaining({
        code: 'unanswered-items',
        issues: expect.arrayContaining([expect.objectContaining({ item: 'professionalJudgement' })]),
      }),
    );
    const completed = correctAssessment(earlier, dashAnswers(2), 'completed with the victim', { entries: judged('medium') });
    expect(completed.outcome).toMatchObject({ yesCount: 2, grade: 'medium', unanswered: [] });
  });

  it('should refuse an S-DASH correction when it clears an answer', () => {
    const sdash = submit(S_DASH_V1, allAnswered(S_DASH_V1, 'no'));
    expect(() => correctAssessment(sdash, { s11: null }, 'not asked')).toThrow(
      expect.objectContaining({ code: 'unanswered-items', issues: [{ item: 's11', message: 'not answered: yes, no or not-known' }] }),
    );
  });

  it('should refuse a correction when its definition version is unknown', () => {
    const custom = configureInstrument(AAQ_II_V1, 'aaq-local', {});
    const assessment = submit(custom, { i1: 1 });
    expect(() => correctAssessment(assessment, { i1: 2 }, 'x')).toThrow(expect.objectContaining({ code: 'unknown-definition' }));
    expect(correctAssessment(assessment, { i1: 2 }, 'x', { definitions: [custom] }).version).toBe(2);
  });

  it('should keep only the newest version of each assessment when listing the latest', () => {
    const v2 = correctAssessment(original, { i1: 3 }, 'a');
    const v3 = correctAssessment(v2, { i1: 4 }, 'b');
    const other = submit(AAQ_II_V1, { i1: 1 }, undefined, { assessmentId: 'A-2' });
    expect(latestVersions([original, v3, v2, other]).map((a) => [a.assessmentId, a.version])).toEqual([
      ['A-1', 3],
      ['A-2', 1],
    ]);
  });
});
