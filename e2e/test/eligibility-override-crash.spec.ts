import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { completeTaskUpdate, journeyWorkflowId, type EligibilityOverrideNote } from '@easi/contracts';
import { waitFor } from '@easi/testing';
import { JourneyPlatform, http } from '../src';

// Its own ports, so it runs beside the other suites.
const p = new JourneyPlatform(4700);
const d = p.driver;
const pg = new PgClient({ connectionString: process.env.DATABASE_URL ?? 'postgres://easi:easi@127.0.0.1:5432/easi' });

type OverrideNote = Omit<EligibilityOverrideNote, 'byRoles' | 'correlationId' | 'basis'>;

beforeAll(async () => {
  await Promise.all([p.start(), pg.connect()]);
});

afterAll(async () => {
  await pg.end();
  await p.stop();
});

const overrideRows = async (journeyRef: string) =>
  (
    await pg.query<{
      id: string;
      taskId: string;
      overriddenBy: string;
      roles: string[];
      reason: string;
      facts: unknown;
      finalOutcome: string;
      correlationId: string | null;
    }>(
      `SELECT id::text AS id, task_id::text AS "taskId", overridden_by AS "overriddenBy", overridden_by_roles AS roles, reason, facts, final_outcome AS "finalOutcome", correlation_id AS "correlationId"
       FROM screening.eligibility_override WHERE journey_ref = $1`,
      [journeyRef],
    )
  ).rows;

const overrideAudits = async (journeyRef: string) =>
  (
    await pg.query<{ actor: string; agency: string; roles: string[]; reason: string; correlationId: string | null }>(
      `SELECT actor, agency, roles, reason, correlation_id AS "correlationId" FROM screening.audit_log WHERE subject_type = 'journey' AND subject_ref = $1 AND action = 'override-eligibility'`,
      [journeyRef],
    )
  ).rows;

/** Until the journey's `confirmDecision` for its screening task has completed: from then on both recording paths have run. */
const confirmed = (journeyRef: string): Promise<true> =>
  waitFor(
    "the journey's confirmDecision to complete",
    async () => {
      const events = (await p.temporal.workflow.getHandle(journeyWorkflowId(journeyRef)).fetchHistory()).events ?? [];
      const scheduled = new Set(
        events
          .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'confirmDecision')
          .map((e) => String(e.eventId)),
      );
      return events.some((e) => scheduled.has(String(e.activityTaskCompletedEventAttributes?.scheduledEventId))) ? true : undefined;
    },
    30_000,
    200,
  );

const summaryOf = ({ overrideId, target, from, to, reason, by, at, rulesOutcome }: OverrideNote): OverrideNote => ({
  overrideId,
  target,
  from,
  to,
  reason,
  by,
  at,
  rulesOutcome,
});

describe('eligibility override across a crash of the screening service', () => {
  it('should write the override row and its audit row once, as the supervisor, when the service stopped right after the journey accepted the override', async () => {
    const journeyRef = await p.arrest();
    const inbox = d.inbox('eligibility-screening');
    const task = await inbox.waitForTask(journeyRef, 'eligibility-screening');
    const facts = d.facts(journeyRef, {
      cognitiveAbility: 'concerns',
      cognitiveEvidence: 'custody nurse noted difficulty following the caution',
    });
    const note: EligibilityOverrideNote = {
      overrideId: randomUUID(),
      target: 'cognitive-ability',
      from: 'needs-discussion',
      to: 'met',
      reason: 'Forensic psychologist assessed him on 20 Nov: able to engage with six sessions.',
      by: 'police:sgt-before-the-crash',
      at: new Date().toISOString(),
      rulesOutcome: 'needs-case-discussion',
      byRoles: ['supervisor'],
      correlationId: `e2e-${journeyRef}`,
      basis: { facts, rulesResult: { overall: 'needs-case-discussion' }, overriddenResult: { overall: 'eligible' } },
    };
    const decision = {
      outcome: 'eligible',
      riskLevel: 'medium',
      reason: `Supervisor override of cognitive-ability (needs-discussion → met): ${note.reason}`,
      rulesVersion: 'e2e',
      override: note,
    };

    // What the override route sends, sent straight to the journey: as if the service stopped right after the journey accepted it.
    await p.temporal.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, {
      args: [{ taskId: task.taskId, decision, by: note.by, reason: `Supervisor override: ${note.reason}` }],
    });
    await confirmed(journeyRef);

    expect(await overrideRows(journeyRef)).toEqual([
      {
        id: note.overrideId,
        taskId: task.taskId,
        overriddenBy: note.by,
        roles: ['supervisor'],
        reason: note.reason,
        facts,
        finalOutcome: 'eligible',
        correlationId: `e2e-${journeyRef}`,
      },
    ]);
    expect(await overrideAudits(journeyRef)).toEqual([
      {
        actor: 'sgt-before-the-crash',
        agency: 'police',
        roles: ['supervisor'],
        reason: `eligibility override: ${note.reason}`,
        correlationId: `e2e-${journeyRef}`,
      },
    ]);
    const row = (await inbox.get(task.taskId)).body;
    expect(row).toMatchObject({ status: 'completed', completedBy: note.by });
    expect(row.history.filter((h) => h.action === 'completed')).toHaveLength(1);

    const state = await p.until(journeyRef, 'the journey to reach triage', (s) => s.stage === 'awaiting-triage');
    expect(state.eligibilityOverride).toEqual(summaryOf(note));
    // The journey keeps who, what and why; the facts stay with the screening service.
    expect(JSON.stringify(state)).not.toContain('custody nurse');

    // The route finds the task decided, and nothing more is written.
    const again = await http('POST', p.url('screening', `/eligibility/tasks/${task.taskId}/override`), {
      token: await d.token('police', 'supervisor'),
      body: { facts, override: { target: 'cognitive-ability', result: 'met', reason: note.reason } },
    });
    expect(again.status).toBe(409);
    expect(await overrideRows(journeyRef)).toHaveLength(1);
    expect(await overrideAudits(journeyRef)).toHaveLength(1);
  });

  it('should write exactly one override row and one audit row when the route and the journey both record the decision', async () => {
    const journeyRef = await p.arrest();
    const task = await d.inbox('eligibility-screening').waitForTask(journeyRef, 'eligibility-screening');
    const facts = d.facts(journeyRef, { cognitiveAbility: 'concerns' });
    const { assessmentId } = await d.assessRisk(journeyRef, 'medium');
    const reason = 'Case discussed with the psychologist: suitable for the fACT sessions.';
    const res = await http<{ override: OverrideNote }>('POST', p.url('screening', `/eligibility/tasks/${task.taskId}/override`), {
      token: await d.token('police', 'supervisor'),
      body: { facts, override: { target: 'overall', result: 'eligible', reason } },
    });
    expect(res.status).toBe(201);
    const { override } = res.body;
    await confirmed(journeyRef);

    // The facts as the rules read them: the risk level and the DASH it came from, not the form's.
    const { riskEvidence: _typed, ...submitted } = facts;
    const recorded = {
      ...submitted,
      riskLevel: 'medium',
      riskEvidence: expect.stringContaining(`DASH ${assessmentId} version 1: medium`),
      riskSources: [{ instrument: 'dash', assessmentId, version: 1, level: 'medium' }],
    };
    expect(await overrideRows(journeyRef)).toEqual([
      expect.objectContaining({
        id: override.overrideId,
        taskId: task.taskId,
        overriddenBy: override.by,
        roles: ['supervisor'],
        reason,
        facts: recorded,
        finalOutcome: 'eligible',
      }),
    ]);
    expect(await overrideAudits(journeyRef)).toEqual([
      expect.objectContaining({
        actor: override.by.replace(/^police:/, ''),
        agency: 'police',
        roles: ['supervisor'],
        reason: `eligibility override: ${reason}`,
      }),
    ]);
    const state = await p.until(journeyRef, 'the journey to reach triage', (s) => s.stage === 'awaiting-triage');
    expect(state.eligibilityOverride).toEqual(summaryOf(override));
  });
});
