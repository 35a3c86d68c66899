import { TASK_DECISIONS } from '@easi/contracts';
import { EligibilityOverrideError } from '@easi/screening-rules';
import { eligibleScreeningForm } from '@easi/testing';
import { OverrideBody, overrideOutcome } from './eligibility-override';
import { PERSON, dashOnRecord, riskFrom, sdashOnRecord } from './risk-fixtures';

const facts = { ...eligibleScreeningForm(PERSON), cognitiveAbility: 'concerns' as const };
const who = {
  overrideId: '7f0c1c2e-5d2a-4a4e-9a49-0d7c1f3b2a10',
  by: 'police:sgt-17',
  at: '2026-11-25T10:00:00.000Z',
  roles: ['supervisor'],
  correlationId: 'corr-1',
};
const summary = { overrideId: who.overrideId, by: who.by, at: who.at };
const mediumDash = dashOnRecord('3d1f6c8e-0000-4000-8000-000000000002', 6, 'medium');
const medium = riskFrom([mediumDash]);
const highDash = dashOnRecord('3d1f6c8e-0000-4000-8000-000000000003', 16, 'high');

describe('OverrideBody', () => {
  const issuesOf = (body: unknown): string[] => {
    const parsed = OverrideBody.safeParse(body);
    return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('should say a reason is needed when the override has none', () => {
    expect(issuesOf({ facts, override: { target: 'overall', result: 'eligible' } })).toEqual([
      'override.reason: reason: a supervisor override needs a recorded reason',
    ]);
  });

  it('should refuse a criterion status as the overall result and an outcome as a criterion result', () => {
    expect(issuesOf({ facts, override: { target: 'overall', result: 'met', reason: 'psychologist confirmed' } })[0]).toMatch(
      /^override.result: the overall result must be one of/,
    );
    expect(issuesOf({ facts, override: { target: 'cognitive-ability', result: 'eligible', reason: 'psychologist confirmed' } })[0]).toMatch(
      /^override.result: a criterion's result must be one of/,
    );
  });

  it('should refuse a target that is not a criterion', () => {
    expect(issuesOf({ facts, override: { target: 'shoe-size', result: 'met', reason: 'psychologist confirmed' } })[0]).toMatch(
      /^override.target: target: must be overall or one of adult/,
    );
  });
});

describe('overrideOutcome', () => {
  it('should send the overridden outcome with the override note and keep the rules’ outcome when a criterion is overridden', () => {
    const body = OverrideBody.parse({
      facts,
      override: { target: 'cognitive-ability', result: 'met', reason: 'Psychologist confirmed he can engage.' },
    });
    const { decision, original } = overrideOutcome(body, who, medium);
    expect(original.overall).toBe('needs-case-discussion');
    expect(decision).toMatchObject({
      outcome: 'eligible',
      riskLevel: 'medium',
      reason: expect.stringMatching(
        /^Supervisor override of cognitive-ability \(needs-discussion → met\): Psychologist confirmed he can engage\..*Risk medium from DASH 3d1f6c8e-0000-4000-8000-000000000002 version 1: medium\.$/,
      ),
      override: {
        ...summary,
        target: 'cognitive-ability',
        from: 'needs-discussion',
        to: 'met',
        reason: 'Psychologist confirmed he can engage.',
        rulesOutcome: 'needs-case-discussion',
      },
    });
  });

  it('should carry the whole override record in the decision and keep the facts out of the note when the route answers', () => {
    const body = OverrideBody.parse({
      facts,
      override: { target: 'overall', result: 'eligible', reason: 'Psychologist confirmed he can engage.' },
    });
    const { decision, note, original } = overrideOutcome(body, who, medium);
    expect(decision.override).toMatchObject({
      byRoles: ['supervisor'],
      correlationId: 'corr-1',
      basis: {
        facts: {
          ...facts,
          riskLevel: 'medium',
          riskSources: [{ instrument: 'dash', assessmentId: mediumDash.assessmentId, version: 1, level: 'medium' }],
        },
        rulesResult: original,
        overriddenResult: { overall: 'eligible' },
      },
    });
    expect(decision.override?.basis?.facts.riskEvidence).toContain(`DASH ${mediumDash.assessmentId} version 1`);
    expect(decision.override?.basis?.overriddenResult).not.toHaveProperty('original');
    expect(TASK_DECISIONS['eligibility-screening'].safeParse(decision).success).toBe(true);
    expect(Object.keys(note).sort()).toEqual(['at', 'by', 'from', 'overrideId', 'reason', 'rulesOutcome', 'target', 'to']);
  });

  it('should refuse when high risk would be overridden into case discussion', () => {
    const body = OverrideBody.parse({
      facts: { ...facts, riskLevel: 'very-high', riskEvidence: 'MARAC: imminent risk' },
      override: { target: 'overall', result: 'needs-case-discussion', reason: 'he seems calmer now' },
    });
    expect(() => overrideOutcome(body, who, riskFrom([mediumDash], { level: 'very-high', reason: 'MARAC: imminent risk' }))).toThrow(
      EligibilityOverrideError,
    );
  });

  it('should refuse to divert when the DASH on record is high even though no level was typed', () => {
    const body = OverrideBody.parse({
      facts,
      override: { target: 'overall', result: 'eligible', reason: 'He was calm and remorseful in interview.' },
    });
    expect(() => overrideOutcome(body, who, riskFrom([highDash, sdashOnRecord('sd-1')]))).toThrow(
      expect.objectContaining({ code: 'high-risk-cannot-be-diverted' }),
    );
  });

  it('should send the level from the assessments, not the one typed, when the override is accepted', () => {
    const body = OverrideBody.parse({
      facts: { ...facts, riskLevel: 'standard' },
      override: { target: 'cognitive-ability', result: 'met', reason: 'Psychologist confirmed he can engage.' },
    });
    expect(() => riskFrom([mediumDash], { level: 'standard' })).toThrow(expect.objectContaining({ code: 'risk-level-below-instruments' }));
    expect(overrideOutcome(body, who, medium).decision.riskLevel).toBe('medium');
  });
});
