import { completeTaskUpdate, journeyWorkflowId, type JourneyState } from '@easi/contracts';
import type { TaskView } from '@easi/tasks';
import { msUntilActionable, waitFor, type TaskRefusal } from '@easi/testing';
import { JourneyPlatform, http } from '../src';

const p = new JourneyPlatform(4300);
const d = p.driver;

beforeAll(async () => {
  await p.start();
});

afterAll(async () => {
  await p.stop();
});

describe('task inbox and decisions', () => {
  it('should refuse a seventh session with 422 and the reason, and change nothing', async () => {
    const journeyRef = await p.arrest();
    await d.toIntervention(journeyRef);
    await d.decide(journeyRef, 'psychometrics-pre', { instruments: ['AAQ-II'] }, 'baseline');
    await d.sessions(journeyRef, ['attended', 'attended', 'attended', 'attended', 'attended']);
    const inbox = d.inbox('session-outcome');
    const sixth = await inbox.waitForTask(journeyRef, 'session-outcome');
    expect(sixth.context).toMatchObject({ sessionNumber: 6, maxSessions: 6 });

    const seventh = await inbox.complete(sixth.taskId, { sessionNumber: 7, outcome: 'attended' }, 'extra session');
    expect(seventh.status).toBe(422);
    expect((seventh.body as TaskRefusal).message).toBe('fACT has at most 6 sessions: a seventh session cannot be recorded');
    const wrong = await inbox.complete(sixth.taskId, { sessionNumber: 4, outcome: 'attended' }, 'wrong one');
    expect(wrong.status).toBe(422);
    expect((wrong.body as TaskRefusal).message).toBe('this task records session 6, not session 4');
    const malformed = await inbox.complete(sixth.taskId, { sessionNumber: 6, outcome: 'slept-in' }, 'typo');
    expect(malformed.status).toBe(422);
    expect((malformed.body as TaskRefusal).issues?.[0]).toMatch(/^outcome:/);

    expect((await inbox.get(sixth.taskId)).body).toMatchObject({ status: 'open', decision: null, completedBy: null });
    expect((await p.state(journeyRef)).sessionsAttended).toBe(5);
    // The sixth session is booked a moment after the fifth was recorded, and the journey refuses its outcome
    // until its own clock reaches the booked time: no state changes at that moment to wait on, so this
    // waits for the time itself (on the same machine's clock), a few milliseconds past it.
    await new Promise((resolve) => setTimeout(resolve, msUntilActionable(sixth) + 20));
    const ok = await inbox.complete(sixth.taskId, { sessionNumber: 6, outcome: 'attended' }, 'sixth session attended');
    expect(ok.status).toBe(200);
    await p.until(journeyRef, 'six sessions', (s) => s.sessionsAttended === 6);
  });

  it('should record a decision the journey accepted when the service stopped before writing it, once', async () => {
    const journeyRef = await p.arrest();
    const inbox = d.inbox('eligibility-screening');
    const task = await inbox.waitForTask(journeyRef, 'eligibility-screening');
    // What the screening service sends, sent straight to the journey: as if it stopped right after the Update.
    const decision = { outcome: 'eligible', riskLevel: 'medium', reason: 'all criteria met' };
    await p.temporal.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, {
      args: [{ taskId: task.taskId, decision, by: 'police:officer-before-the-crash', reason: 'decided as the service stopped' }],
    });

    const row = await waitFor('the inbox to record the decision the journey confirmed', async () => {
      const { body } = await inbox.get(task.taskId);
      return body.status === 'completed' ? body : undefined;
    });
    expect(row).toMatchObject({
      status: 'completed',
      completedBy: 'police:officer-before-the-crash',
      reason: 'decided as the service stopped',
      decision,
    });
    expect(row.history.filter((h) => h.action === 'completed')).toEqual([
      expect.objectContaining({ by: 'police:officer-before-the-crash', reason: 'decided as the service stopped' }),
    ]);
    await p.until(journeyRef, 'triage', (s) => s.stage === 'awaiting-triage');
    // Completing it again through the inbox is refused: it is decided.
    await d.assessRisk(journeyRef, 'medium');
    expect((await inbox.complete(task.taskId, d.facts(journeyRef), 'again')).status).toBe(409);
  });

  it('should refuse consent for a closed journey with 409 and change nothing', async () => {
    const journeyRef = await p.arrest();
    await d.screen(journeyRef, 'standard', {}, 'screened');
    await d.decide(journeyRef, 'triage-decision', { outcome: 'refer-to-easi' }, 'refer');
    await d.decide(journeyRef, 'disposal-decision', { disposal: 'licence-condition' }, 'on licence');
    const consent = await d.inbox('consent-contract').waitForTask(journeyRef, 'consent-contract');
    // The journey is ended from outside (an operator terminates it): the task row is still open here.
    await p.temporal.workflow.getHandle(journeyWorkflowId(journeyRef)).terminate('operator test: journey ended elsewhere');

    const res = await d.inbox('consent-contract').complete(consent.taskId, { consent: 'signed', contractVersion: '1' }, 'signed');
    expect(res.status).toBe(409);
    expect((res.body as TaskRefusal).message).toMatch(/has closed/);
    expect((await d.inbox('consent-contract').get(consent.taskId)).body).toMatchObject({ status: 'open', completedBy: null });

    const withdrawal = await http<TaskRefusal>('POST', p.url('referral', `/journeys/${journeyRef}/consent-withdrawal`), {
      token: await d.token('police', 'investigator'),
      body: { reason: 'late' },
    });
    expect(withdrawal.status).toBe(409);
  });

  it('should refuse a task that was cancelled because the journey closed with 409', async () => {
    const journeyRef = await p.arrest({}, 'cautionConditionDue=1 s');
    await d.screen(journeyRef, 'standard', {}, 'screened');
    await d.decide(journeyRef, 'triage-decision', { outcome: 'refer-to-easi' }, 'refer');
    await d.decide(
      journeyRef,
      'disposal-decision',
      { disposal: 'conditional-caution', conditions: [{ code: 'no-contact', description: 'no contact' }] },
      'caution',
    );
    const consent = await d.inbox('consent-contract').waitForTask(journeyRef, 'consent-contract');
    await d.decide(journeyRef, 'breach-decision', { action: 'prosecute-original-offence' }, 'contacted the victim');
    await p.closed(journeyRef);
    const res = await d.inbox('consent-contract').complete(consent.taskId, { consent: 'signed', contractVersion: '1' }, 'signed too late');
    expect(res.status).toBe(409);
    expect((res.body as TaskRefusal).message).toMatch(/cancelled/);
  });

  it('should refuse withdrawal with 409 when consent has not been given yet', async () => {
    const journeyRef = await p.arrest();
    await d.inbox('eligibility-screening').waitForTask(journeyRef, 'eligibility-screening');
    const res = await http<TaskRefusal>('POST', p.url('referral', `/journeys/${journeyRef}/consent-withdrawal`), {
      token: await d.token('police', 'investigator'),
      body: { reason: 'changed mind' },
    });
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/consent is not in force at stage screening/);
  });

  it('should let one person claim, refuse another, record release, reassignment and completion with who and why', async () => {
    const journeyRef = await p.arrest();
    const mine = d.inbox('eligibility-screening');
    const other = d.inbox('eligibility-screening', ['police', 'supervisor']);
    const task = await mine.waitForTask(journeyRef, 'eligibility-screening');
    const { assessmentId } = await d.assessRisk(journeyRef, 'standard');
    expect((await mine.claim(task.taskId)).status).toBe(200);
    const clash = await other.complete(task.taskId, d.facts(journeyRef), 'mine now');
    expect(clash.status).toBe(409);
    expect((await other.release(task.taskId, 'investigator on leave')).status).toBe(200);
    const moved = await other.reassign(task.taskId, { assignee: 'police:inv-42', reason: 'workload' });
    expect(moved.body).toMatchObject({ status: 'claimed', assignee: 'police:inv-42' });
    expect((await mine.reassign(task.taskId, { queue: 'supervisors', reason: 'not allowed' })).status).toBe(403);
    expect((await mine.complete(task.taskId, d.facts(journeyRef), 'x')).status).toBe(409);
    expect((await other.reassign(task.taskId, { queue: 'easi-team', reason: 'back to the team' })).status).toBe(200);
    expect((await mine.complete(task.taskId, { riskLevel: 'extreme' }, 'bad')).status).toBe(422);
    // Another person's reference cannot bring their DASH into this journey.
    const stranger = await mine.complete(task.taskId, d.facts(journeyRef, { subjectRef: 'P-NOT-THIS-ONE' }), 'wrong person');
    expect(stranger.status).toBe(422);
    expect((stranger.body as TaskRefusal).error).toBe('not-the-journeys-person');
    const done = await mine.complete(task.taskId, d.facts(journeyRef), 'all criteria met on the custody record');
    expect(done.status).toBe(200);
    const view = (await mine.get(task.taskId)).body;
    expect(view).toMatchObject({
      status: 'completed',
      reason: 'all criteria met on the custody record',
      decision: { outcome: 'eligible', riskLevel: 'standard', reason: expect.stringContaining(`DASH ${assessmentId} version 1: standard`) },
    });
    expect(view.completedBy).toMatch(/^police:/);
    expect(view.history.map((h) => h.action)).toEqual(['created', 'claimed', 'released', 'reassigned', 'reassigned', 'completed']);
    expect(view.history.every((h) => h.by && h.at)).toBe(true);
    const state = await p.until(journeyRef, 'triage', (s) => s.stage === 'awaiting-triage');
    expect(state.timeline.find((t) => t.what.startsWith('Screened'))?.by).toBe(view.completedBy);
  });

  it('should answer 403 when another agency opens an inbox and list only the queues a caller may see', async () => {
    const journeyRef = await p.arrest();
    await d.inbox('eligibility-screening').waitForTask(journeyRef, 'eligibility-screening');
    const asPsychologist = await http('GET', p.url('screening', '/tasks'), { token: await d.token('psychology', 'psychologist') });
    expect(asPsychologist.status).toBe(403);
    const investigatorSupervisorsQueue = await d.inbox('eligibility-screening').list({ queue: 'supervisors' });
    expect(investigatorSupervisorsQueue.total).toBe(0);
  });

  it('should filter the inbox by queue, status, stage, risk, due date and page it', async () => {
    const refs = [await p.arrest(), await p.arrest(), await p.arrest()];
    const inbox = d.inbox('eligibility-screening');
    for (const ref of refs) await inbox.waitForTask(ref, 'eligibility-screening');
    const page1 = await inbox.list({
      queue: 'easi-team',
      status: 'open',
      stage: 'screening',
      riskLevel: 'unknown',
      kind: 'eligibility-screening',
      limit: 2,
      offset: 0,
    });
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBeGreaterThanOrEqual(3);
    const page2 = await inbox.list({ queue: 'easi-team', status: 'open', stage: 'screening', limit: 2, offset: 2 });
    expect(page2.items.every((t: TaskView) => !page1.items.some((u) => u.taskId === t.taskId))).toBe(true);
    expect((await inbox.list({ dueBefore: new Date(Date.now() - 60_000).toISOString(), journeyRef: refs[0] })).total).toBe(0);
    expect((await inbox.list({ dueBefore: new Date(Date.now() + 2 * 3_600_000).toISOString(), journeyRef: refs[0] })).total).toBe(1);
    expect((await inbox.list({ status: 'completed', journeyRef: refs[0] })).total).toBe(0);
  });

  it('should remind an overdue task, then escalate it to the supervisors who can decide it', async () => {
    const journeyRef = await p.arrest({}, 'screeningDeadline=1 s; escalationGrace=1 s');
    const task = await d.inbox('eligibility-screening').waitForTask(journeyRef, 'eligibility-screening');
    const supervisors = d.inbox('eligibility-screening', ['police', 'supervisor']);
    const escalated = await p.until(journeyRef, 'escalation', (s) => s.openTasks?.[0]?.queue === 'supervisors', 15_000);
    expect(escalated.timeline.map((t) => t.what)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/overdue: reminder sent/),
        expect.stringMatching(/escalated to the supervisors' inbox/),
      ]),
    );
    const view = (await supervisors.get(task.taskId)).body;
    expect(view).toMatchObject({ queue: 'supervisors' });
    expect(view.remindedAt).not.toBeNull();
    expect(view.escalatedAt).not.toBeNull();
    expect((await d.inbox('eligibility-screening').list({ journeyRef })).total).toBe(0);
    await d.assessRisk(journeyRef, 'medium');
    expect((await supervisors.complete(task.taskId, d.facts(journeyRef), 'decided by the sergeant')).status).toBe(200);
    await p.until(journeyRef, 'triage', (s) => s.stage === 'awaiting-triage');
  });

  it('should keep search attributes current so operators can list journeys in domain terms', async () => {
    const journeyRef = await p.arrest();
    await d.toIntervention(journeyRef);
    await d.decide(journeyRef, 'psychometrics-pre', { instruments: ['AAQ-II'] }, 'baseline');
    await d.sessions(journeyRef, ['attended', 'attended']);
    await d.inbox('session-outcome').waitForTask(journeyRef, 'session-outcome');
    const workflowId = journeyWorkflowId(journeyRef);
    const query = `EasiStage = 'intervention' AND EasiAwaitedQueue = 'psychology' AND EasiSessionsAttended = 2 AND EasiRiskLevel = 'medium' AND EasiDisposal = 'spo-requirement' AND WorkflowId = '${workflowId}'`;
    const listed = await waitForList(query);
    expect(listed).toEqual([workflowId]);
    const description = await p.temporal.workflow.getHandle(workflowId).describe();
    expect(description.typedSearchAttributes.get({ name: 'EasiNextDeadline', type: 'DATETIME' } as never)).toBeInstanceOf(Date);
    expect(JSON.stringify(description.searchAttributes)).not.toMatch(/P-|V-/);

    const state: JourneyState = await p.state(journeyRef);
    expect(state.openTasks).toEqual([expect.objectContaining({ kind: 'session-outcome', queue: 'psychology' })]);
    for (const entry of state.timeline) {
      expect(Date.parse(entry.at)).not.toBeNaN();
      expect(entry.what).toMatch(/^[A-Z"]/);
      expect(entry.by).toMatch(/^(system|police:|psychology:|triage-clinic:|victim-service:)/);
    }
  });
});

/** The workflows visibility lists for `query`, once it lists any (visibility follows the workflows' updates). */
const waitForList = (query: string): Promise<string[]> =>
  waitFor(
    `visibility to list ${query}`,
    async () => {
      const ids: string[] = [];
      for await (const wf of p.temporal.workflow.list({ query })) ids.push(wf.workflowId);
      return ids.length > 0 ? ids : undefined;
    },
    20_000,
    300,
  );
