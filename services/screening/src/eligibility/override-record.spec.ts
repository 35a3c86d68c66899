import { OverrideBody, overrideOutcome } from './eligibility-override';
import { overrideRecordingOf } from './override-record';
import { PERSON, dashOnRecord, riskFrom } from './risk-fixtures';

const facts = {
  subjectRef: PERSON,
  ageYears: 29,
  residesInForceArea: true,
  relationshipToVictim: 'former-partner' as const,
  recordedAsStalking: true,
  seriousMentalIllness: 'none-known' as const,
  interviewAccount: 'admitted' as const,
  disposal: { kind: 'conditional-caution' as const, status: 'agreed' as const },
  participation: 'willing' as const,
  cognitiveAbility: 'concerns' as const,
};
const who = {
  overrideId: '0b7c3c41-8f65-4d0e-9a3a-2f5b6a7c8d90',
  by: 'police:sgt-17',
  at: '2026-11-25T10:00:00.000Z',
  roles: ['supervisor', 'investigator'],
  correlationId: 'corr-9',
};
const task = { taskId: 'c8a4f6e2-1b3d-4c5e-8f7a-9b0c1d2e3f40', journeyRef: 'JR-OVERRIDE-1' };
const dash = dashOnRecord('5e2d0a7b-0000-4000-8000-000000000001', 3, 'standard');
const decided = () =>
  overrideOutcome(
    OverrideBody.parse({
      facts,
      override: { target: 'cognitive-ability', result: 'met', reason: 'Psychologist confirmed he can engage.' },
    }),
    who,
    riskFrom([dash]),
  );

describe('overrideRecordingOf', () => {
  it('should build the override row and an audit row naming the supervisor when the decision carries an override', () => {
    const { decision, original } = decided();
    const recording = overrideRecordingOf({ ...task, decision });
    expect(recording.kind).toBe('record');
    if (recording.kind !== 'record') return;
    expect(recording.record.row).toMatchObject({
      id: who.overrideId,
      ...task,
      target: 'cognitive-ability',
      fromResult: 'needs-discussion',
      toResult: 'met',
      reason: 'Psychologist confirmed he can engage.',
      overriddenBy: 'police:sgt-17',
      overriddenByRoles: ['supervisor', 'investigator'],
      overriddenAt: who.at,
      rulesOutcome: 'needs-case-discussion',
      finalOutcome: 'eligible',
      riskLevel: 'standard',
      facts: {
        ...facts,
        riskLevel: 'standard',
        riskSources: [{ instrument: 'dash', assessmentId: dash.assessmentId, version: 1, level: 'standard' }],
      },
      rulesResult: original,
      correlationId: 'corr-9',
    });
    expect(recording.record.audit).toEqual({
      actor: 'sgt-17',
      agency: 'police',
      roles: ['supervisor', 'investigator'],
      action: 'override-eligibility',
      subjectType: 'journey',
      subjectRef: task.journeyRef,
      reason: 'eligibility override: Psychologist confirmed he can engage.',
      correlationId: 'corr-9',
    });
  });

  it('should read the same record when the decision comes back through the journey as JSON', () => {
    const { decision } = decided();
    const direct = overrideRecordingOf({ ...task, decision });
    const viaJourney = overrideRecordingOf({ ...task, decision: JSON.parse(JSON.stringify(decision)) as unknown });
    expect(viaJourney).toEqual(direct);
  });

  it('should ask for nothing when the rules decided without an override', () => {
    expect(
      overrideRecordingOf({
        ...task,
        decision: { outcome: 'eligible', riskLevel: 'medium', reason: 'all criteria met', rulesVersion: '1' },
      }),
    ).toEqual({ kind: 'none' });
  });

  it('should say the override cannot be recorded when its note has no basis or is malformed', () => {
    const { decision } = decided();
    const { basis: _basis, ...bare } = decision.override ?? { basis: undefined };
    expect(overrideRecordingOf({ ...task, decision: { ...decision, override: bare } })).toMatchObject({
      kind: 'unrecordable',
      overrideId: who.overrideId,
    });
    expect(overrideRecordingOf({ ...task, decision: { ...decision, override: { overrideId: 'not-a-uuid' } } })).toMatchObject({
      kind: 'unrecordable',
      overrideId: 'not-a-uuid',
    });
  });
});
