import { completeDash, completeSDash, sampleCustodyEvent, type TaskRefusal } from '@easi/testing';
import { JourneyPlatform, http } from '../src';

const p = new JourneyPlatform(4200);
const d = p.driver;

type Alert = { kind: string; audiences: string[] };
type Episode = { journeyRef: string; status: string; sessionsAttended: number };

const alertsOf = async (journeyRef: string): Promise<Alert[]> =>
  (await http<{ alerts: Alert[] }>('GET', p.url('referral', `/journeys/${journeyRef}`), { token: await d.token('police', 'investigator') }))
    .body.alerts;

const episodeOf = async (journeyRef: string): Promise<Episode | undefined> => {
  const res = await http<{ items: Episode[] }>('GET', p.url('intervention', '/episodes?limit=200'), {
    token: await d.token('psychology', 'psychologist'),
  });
  return res.body.items.find((e) => e.journeyRef === journeyRef);
};

beforeAll(async () => {
  await p.start();
});

afterAll(async () => {
  await p.stop();
});

describe('journey exits, decided through the task APIs', () => {
  it('should close as completed when six sessions are attended and monitoring ends quietly', async () => {
    const journeyRef = await p.arrest();
    await d.toIntervention(journeyRef);
    await d.completeIntervention(journeyRef);
    const state = await p.closed(journeyRef);
    expect(state).toMatchObject({
      stage: 'closed',
      outcome: 'completed',
      sessionsAttended: 6,
      disposal: 'spo-requirement',
      riskLevel: 'medium',
    });
    expect(state.timeline.map((t) => t.what).join('\n')).toMatch(/Session 6 attended \(6 of 6\)/);
    expect(await episodeOf(journeyRef)).toMatchObject({ status: 'completed', sessionsAttended: 6 });
  });

  it('should close as ineligible when the rules find a criterion not met', async () => {
    const journeyRef = await p.arrest();
    await d.screen(journeyRef, 'standard', { interviewAccount: 'denied' }, 'denied in interview');
    const state = await p.closed(journeyRef);
    expect(state).toMatchObject({ outcome: 'ineligible' });
    expect(state.closureReason).toContain('admits-stalking');
  });

  it('should hand a high-risk case to the standard risk process instead of diverting it when the DASH is graded high, whatever level is typed', async () => {
    const journeyRef = await p.arrest();
    const { assessmentId } = await d.assessRisk(journeyRef, 'high');
    const inbox = d.inbox('eligibility-screening');
    const task = await inbox.waitForTask(journeyRef, 'eligibility-screening');
    // Typed lower than the DASH: refused, naming the DASH, its grade and its id; the task stays open.
    const typedLower = await inbox.complete(task.taskId, d.facts(journeyRef, { riskLevel: 'standard' }), 'typed standard');
    expect(typedLower.status).toBe(422);
    expect(typedLower.body as unknown as TaskRefusal).toMatchObject({
      error: 'risk-level-below-instruments',
      message: expect.stringContaining(`DASH ${assessmentId} (version 1) graded high`),
    });
    expect((await inbox.get(task.taskId)).body).toMatchObject({ status: 'open', decision: null });
    const screened = await inbox.complete(task.taskId, d.facts(journeyRef), 'DASH 15 ticks: high');
    expect(screened.body).toMatchObject({
      status: 'completed',
      decision: { outcome: 'ineligible', riskLevel: 'high', reason: expect.stringContaining(`DASH ${assessmentId} version 1: high`) },
    });
    const state = await p.closed(journeyRef);
    expect(state).toMatchObject({ outcome: 'high-risk', riskLevel: 'high' });
    expect(state.closureReason).toMatch(/standard high-risk process/);
    expect(await alertsOf(journeyRef)).toEqual([expect.objectContaining({ kind: 'high-risk-referral', audiences: ['police', 'risk'] })]);
  });

  it('should hold the screening until the S-DASH is filed when the DASH answered the stalking question yes', async () => {
    const journeyRef = await p.arrest();
    const person = d.personOf(journeyRef);
    const investigator = await d.token('police', 'investigator');
    const filed = await http<{ assessmentId: string }>('POST', p.url('screening', '/assessments'), {
      token: investigator,
      body: completeDash(person, 'high'),
    });
    expect(filed.status).toBe(201);
    const inbox = d.inbox('eligibility-screening');
    const task = await inbox.waitForTask(journeyRef, 'eligibility-screening');
    const held = await inbox.complete(task.taskId, d.facts(journeyRef), 'DASH done');
    expect(held.status).toBe(422);
    expect(held.body as unknown as TaskRefusal).toMatchObject({
      error: 'stalking-screen-required',
      message: expect.stringContaining(`DASH ${filed.body.assessmentId} (version 1) answered yes to the stalking question`),
    });
    expect((await http('POST', p.url('screening', '/assessments'), { token: investigator, body: completeSDash(person) })).status).toBe(201);
    const screened = await inbox.complete(task.taskId, d.facts(journeyRef), 'DASH and S-DASH done');
    expect(screened.body).toMatchObject({ status: 'completed', decision: { outcome: 'ineligible', riskLevel: 'high' } });
    expect((await inbox.get(task.taskId)).body).toMatchObject({
      decision: { reason: expect.stringContaining(`DASH ${filed.body.assessmentId} version 1: high`) },
    });
  });

  it('should close as triage-declined when the clinic decides no further EASI action', async () => {
    const journeyRef = await p.arrest();
    await d.screen(journeyRef, 'standard', {}, 'screened');
    await d.decide(journeyRef, 'triage-decision', { outcome: 'no-further-action', actions: ['apply-spo'] }, 'SPO route instead');
    const state = await p.closed(journeyRef);
    expect(state).toMatchObject({ outcome: 'triage-declined' });
    expect(state.timeline.some((t) => t.what.includes('apply for a Stalking Protection Order') && t.by.startsWith('triage-clinic:'))).toBe(
      true,
    );
  });

  it('should close as consent-declined when the participant will not sign the contract', async () => {
    const journeyRef = await p.arrest();
    await d.screen(journeyRef, 'standard', {}, 'screened');
    await d.decide(journeyRef, 'triage-decision', { outcome: 'refer-to-easi' }, 'refer');
    await d.decide(journeyRef, 'disposal-decision', { disposal: 'court-order-requirement' }, 'guilty plea');
    await d.decide(journeyRef, 'consent-contract', { consent: 'declined', contractVersion: '1' }, 'does not want to take part');
    expect(await p.closed(journeyRef)).toMatchObject({ outcome: 'consent-declined', disposal: 'court-order-requirement' });
  });

  it('should close as consent-withdrawn and stop the intervention when consent is withdrawn mid-way', async () => {
    const journeyRef = await p.arrest();
    await d.toIntervention(journeyRef);
    await d.decide(journeyRef, 'psychometrics-pre', { instruments: ['AAQ-II'] }, 'baseline');
    await d.sessions(journeyRef, ['attended']);
    const sessionTask = await d.inbox('session-outcome').waitForTask(journeyRef, 'session-outcome');
    const res = await http('POST', p.url('referral', `/journeys/${journeyRef}/consent-withdrawal`), {
      token: await d.token('police', 'investigator'),
      body: { reason: 'participant emailed to withdraw' },
    });
    expect(res.status).toBe(200);
    const state = await p.closed(journeyRef);
    expect(state).toMatchObject({ outcome: 'consent-withdrawn', sessionsAttended: 1 });
    expect(await episodeOf(journeyRef)).toMatchObject({ status: 'stopped', sessionsAttended: 1 });
    expect((await d.inbox('session-outcome').get(sessionTask.taskId)).body.status).toBe('cancelled');
  });

  it('should close as non-attendance after the policy number of missed sessions and a police decision', async () => {
    const journeyRef = await p.arrest();
    await d.toIntervention(journeyRef);
    await d.decide(journeyRef, 'psychometrics-pre', { instruments: ['CFQ-7'] }, 'baseline');
    await d.sessions(journeyRef, ['attended', 'missed', 'rescheduled', 'missed']);
    await d.decide(journeyRef, 'non-compliance-decision', { action: 'prosecute-original-offence' }, 'two sessions missed without excuse');
    const state = await p.closed(journeyRef);
    expect(state).toMatchObject({ outcome: 'non-attendance', sessionsAttended: 1 });
    expect(await episodeOf(journeyRef)).toMatchObject({ status: 'non-compliant' });
    expect((await alertsOf(journeyRef)).map((a) => a.kind)).toContain('non-compliance');
  });

  it('should close as caution-breached when a caution condition passes its due date and police prosecute', async () => {
    const journeyRef = await p.arrest({}, 'cautionConditionDue=3 s');
    await d.toIntervention(journeyRef, {
      disposal: 'conditional-caution',
      conditions: [
        { code: 'no-contact', description: 'no contact with the victim' },
        { code: 'apology-letter', description: 'write a letter of apology' },
      ],
    });
    await d.decide(journeyRef, 'caution-condition', { outcome: 'fulfilled', evidence: 'letter received' }, 'apology received', 2000);
    await d.decide(journeyRef, 'breach-decision', { action: 'prosecute-original-offence' }, 'condition not met: contacted the victim');
    const state = await p.closed(journeyRef);
    expect(state).toMatchObject({ outcome: 'caution-breached', disposal: 'conditional-caution' });
    expect(state.closureReason).toMatch(/prosecute the original offence/);
    expect((await alertsOf(journeyRef)).map((a) => a.kind)).toContain('condition-missed');
  });

  it('should close as re-offended when a new stalking report during monitoring is reviewed as re-offending', async () => {
    const first = sampleCustodyEvent();
    const journeyRef = await p.arrest(first, 'monitoringPeriod=2 minutes');
    await d.toIntervention(journeyRef);
    await d.completeIntervention(journeyRef);
    await p.until(journeyRef, 'monitoring', (s) => s.stage === 'monitoring');
    await p.arrest(
      { suspect: first.suspect, victimRefs: first.victimRefs, eventType: 'arrested', offences: [{ family: 'breach-spo' }] },
      'monitoringPeriod=2 minutes',
    );
    await d.decide(journeyRef, 'monitoring-review', { reoffended: true, detail: 'breached the SPO' }, 'new offence confirmed');
    const state = await p.closed(journeyRef);
    expect(state).toMatchObject({ outcome: 're-offended' });
    expect((await alertsOf(journeyRef)).map((a) => a.kind)).toContain('monitoring-event');
  });
});
