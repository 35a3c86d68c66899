import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  completeTaskUpdate,
  interventionWorkflowId,
  monitoredEventSignal,
  monitoringWorkflowId,
  complianceWorkflowId,
  policeEventSignal,
  victimSupportWorkflowId,
  withdrawConsentUpdate,
  type JourneyState,
} from '@easi/contracts';
import { JourneyHarness, newTrigger } from './harness';
import { recordHistory } from './record-history';

jest.setTimeout(60_000);

const h = new JourneyHarness();

beforeAll(async () => {
  await h.start();
});

afterAll(async () => {
  await h.stop();
});

const result = async (handle: { result(): Promise<unknown> }): Promise<JourneyState> => (await handle.result()) as JourneyState;

describe('journey workflow on a real Temporal server (every path)', () => {
  it('should close as completed and let victim support outlive the journey', async () => {
    const { journeyRef, handle } = await h.startJourney();
    await h.decide(journeyRef, 'isac-contact', { engagement: 'engaged', newRisk: false }, 'victim engaged', 'victim-service:isac-1');
    await h.toIntervention(journeyRef);
    await h.completeIntervention(journeyRef);
    const state = await result(handle);
    expect(state).toMatchObject({ outcome: 'completed', sessionsAttended: 6, stage: 'closed' });
    expect(h.services.closed.get(journeyRef)?.outcome).toBe('completed');
    const victim = h.client.workflow.getHandle(victimSupportWorkflowId(journeyRef));
    expect((await victim.describe()).status.name).toBe('RUNNING');
    await h.decide(journeyRef, 'victim-satisfaction', { completed: true }, 'questionnaire done', 'victim-service:isac-1');
    expect(await victim.result()).toMatchObject({ engagement: 'engaged', journeyOutcome: 'completed' });
    await recordHistory('journey-completed', handle);
    await recordHistory('intervention-completed', h.client.workflow.getHandle(interventionWorkflowId(journeyRef)));
    await recordHistory('monitoring-completed', h.client.workflow.getHandle(monitoringWorkflowId(journeyRef)));
    await recordHistory('victim-support-engaged', victim);
  });

  it('should close as ineligible', async () => {
    const { journeyRef, handle } = await h.startJourney();
    await h.decide(journeyRef, 'eligibility-screening', {
      outcome: 'ineligible',
      riskLevel: 'standard',
      reason: 'Criteria not met: admits-stalking.',
    });
    expect(await result(handle)).toMatchObject({ outcome: 'ineligible', closureReason: 'Criteria not met: admits-stalking.' });
    await recordHistory('journey-ineligible', handle);
  });

  it('should close as high-risk and raise the alert once', async () => {
    const { journeyRef, handle } = await h.startJourney();
    await h.decide(journeyRef, 'eligibility-screening', {
      outcome: 'ineligible',
      riskLevel: 'very-high',
      reason: 'high risk: full risk response',
    });
    expect(await result(handle)).toMatchObject({ outcome: 'high-risk', riskLevel: 'very-high' });
    expect([...h.services.alerts.values()].filter((a) => a.journeyRef === journeyRef).map((a) => a.kind)).toEqual(['high-risk-referral']);
    await recordHistory('journey-high-risk', handle);
  });

  it('should close as triage-declined', async () => {
    const { journeyRef, handle } = await h.startJourney();
    await h.decide(journeyRef, 'eligibility-screening', {
      outcome: 'needs-case-discussion',
      riskLevel: 'standard',
      reason: 'For the triage clinic.',
    });
    await h.decide(
      journeyRef,
      'triage-decision',
      { outcome: 'no-further-action', actions: ['safeguarding'] },
      'not suitable',
      'triage-clinic:member-1',
    );
    expect(await result(handle)).toMatchObject({ outcome: 'triage-declined' });
    await recordHistory('journey-triage-declined', handle);
  });

  it('should close as consent-declined', async () => {
    const { journeyRef, handle } = await h.startJourney();
    await h.decide(journeyRef, 'eligibility-screening', { outcome: 'eligible', riskLevel: 'standard', reason: 'ok' });
    await h.decide(journeyRef, 'triage-decision', { outcome: 'refer-to-easi' });
    await h.decide(journeyRef, 'disposal-decision', { disposal: 'licence-condition' });
    await h.decide(journeyRef, 'consent-contract', { consent: 'declined', contractVersion: '2' });
    expect(await result(handle)).toMatchObject({ outcome: 'consent-declined', disposal: 'licence-condition' });
    await recordHistory('journey-consent-declined', handle);
  });

  it('should close as consent-withdrawn and cancel the intervention and its open task', async () => {
    const { journeyRef, handle } = await h.startJourney();
    await h.toIntervention(journeyRef);
    await h.decide(journeyRef, 'psychometrics-pre', { instruments: ['CFQ-7'] });
    await h.sessions(journeyRef, ['attended']);
    const open = await h.waitTask(journeyRef, 'session-outcome');
    await handle.executeUpdate(withdrawConsentUpdate, { args: [{ by: 'police:inv-1', reason: 'withdrew by email' }] });
    expect(await result(handle)).toMatchObject({ outcome: 'consent-withdrawn', sessionsAttended: 1 });
    expect(h.services.tasks.get(open.taskId)?.status).toBe('cancelled');
    expect(h.services.episodes.get(journeyRef)).toBe('stopped');
    expect(h.services.episodeSessions.get(journeyRef)).toBe(1);
    await recordHistory('journey-consent-withdrawn', handle);
  });

  it('should close as non-attendance after the missed sessions and the police decision', async () => {
    const { journeyRef, handle } = await h.startJourney({ maxMissedSessions: 3 });
    await h.toIntervention(journeyRef);
    await h.decide(journeyRef, 'psychometrics-pre', { instruments: ['CFQ-7'] });
    await h.sessions(journeyRef, ['missed', 'attended', 'missed', 'rescheduled', 'missed']);
    await h.decide(
      journeyRef,
      'non-compliance-decision',
      { action: 'other-action', detail: 'warning letter' },
      'first offence',
      'police:sgt-1',
    );
    expect(await result(handle)).toMatchObject({ outcome: 'non-attendance', sessionsAttended: 1 });
    await recordHistory('journey-non-attendance', handle);
    await recordHistory('intervention-non-compliant', h.client.workflow.getHandle(interventionWorkflowId(journeyRef)));
  });

  it('should close as caution-breached when a condition is missed and police prosecute', async () => {
    const { journeyRef, handle } = await h.startJourney({ cautionConditionDue: '2 seconds' });
    await h.toIntervention(journeyRef, {
      disposal: 'conditional-caution',
      conditions: [
        { code: 'no-contact', description: 'no contact' },
        { code: 'course', description: 'attend a course' },
      ],
    });
    await h.decide(journeyRef, 'caution-condition', { outcome: 'fulfilled' });
    await h.decide(journeyRef, 'breach-decision', { action: 'prosecute-original-offence' }, 'contacted the victim', 'police:sgt-1');
    const state = await result(handle);
    expect(state).toMatchObject({ outcome: 'caution-breached' });
    expect(h.services.episodes.get(journeyRef)).toBe('stopped');
    await recordHistory('journey-caution-breached', handle);
    await recordHistory('compliance-breached', h.client.workflow.getHandle(complianceWorkflowId(journeyRef)));
  });

  it('should close as re-offended, continuing monitoring as new to keep history bounded', async () => {
    const { journeyRef, handle, trigger } = await h.startJourney({ monitoringPeriod: '5 minutes', monitoringEventsPerRun: 2 });
    await h.toIntervention(journeyRef);
    await h.completeIntervention(journeyRef);
    const monitoring = h.client.workflow.getHandle(monitoringWorkflowId(journeyRef));
    // The journey forwards police events to monitoring once it holds the child's handle, not as soon as the stage reads monitoring.
    const firstRun = await h.untilChildStarted(handle, monitoring.workflowId);
    for (const families of [['theft'], ['public-order'], ['common-assault']] as const) {
      await handle.signal(policeEventSignal, newTrigger({ personRef: trigger.personRef, offenceFamilies: [...families] }));
    }
    await h.untilEvent(
      { workflowId: monitoring.workflowId, runId: firstRun },
      'the first monitoring run to continue as new',
      (e) => !!e.workflowExecutionContinuedAsNewEventAttributes,
    );
    await monitoring.signal(monitoredEventSignal, newTrigger({ personRef: trigger.personRef, offenceFamilies: ['breach-spo'] }));
    await h.decide(journeyRef, 'monitoring-review', { reoffended: true }, 'breached the SPO');
    const state = await result(handle);
    expect(state.outcome).toBe('re-offended');
    expect(state.timeline.filter((t) => t.what.includes('not stalking-related'))).toHaveLength(3);
    expect((await monitoring.describe()).runId).not.toBe(firstRun);
    await recordHistory('journey-re-offended', handle);
    await recordHistory('monitoring-re-offended', monitoring);
  });

  it('should signal a new victim risk to the journey and alert police', async () => {
    const { journeyRef, handle } = await h.startJourney();
    await h.decide(journeyRef, 'isac-contact', { engagement: 'engaged', newRisk: true }, 'threats reported', 'victim-service:isac-2');
    const state = await h.untilState(handle, 'the new risk on the timeline', (s) =>
      s.timeline.some((t) => t.what.startsWith('New risk raised by the victim service')),
    );
    expect(state.timeline.find((t) => t.what.startsWith('New risk'))?.by).toBe('victim-service:isac-2');
    await h.services.until('the victim-risk alert', () =>
      [...h.services.alerts.values()].some((a) => a.journeyRef === journeyRef && a.kind === 'victim-risk'),
    );
    await handle.terminate('test done');
  });

  it('should book the next session when one is recorded and refuse its outcome before its time', async () => {
    const { journeyRef, handle } = await h.startJourney({ sessionSpacing: '1 hour' });
    await h.toIntervention(journeyRef);
    await h.decide(journeyRef, 'psychometrics-pre', { instruments: ['AAQ-II'] });
    await h.sessions(journeyRef, ['attended']);
    const second = await h.waitTask(journeyRef, 'session-outcome');
    expect(second.context).toMatchObject({ sessionNumber: 2, attempt: 1 });
    const bookedFor = Date.parse(String(second.context.scheduledFor));
    expect(bookedFor).toBeGreaterThan(Date.now() + 50 * 60_000);
    const early = await h.client.workflow
      .getHandle(second.workflowId)
      .executeUpdate(completeTaskUpdate, {
        args: [{ taskId: second.taskId, decision: { sessionNumber: 2, outcome: 'attended' }, by: 'psychology:p', reason: 'too early' }],
      })
      .catch((e: unknown) => e);
    expect((early as WorkflowUpdateFailedError).cause?.message).toMatch(
      /session 2 is booked for .*: its outcome can be recorded once it has taken place/,
    );
    await h.untilState(handle, 'one session attended', (s) => s.sessionsAttended === 1);
    await h.services.until('session 1 recorded as attended', () => h.services.sessions.get(`${journeyRef}/1/1`)?.outcome === 'attended');
    await handle.terminate('test done');
  });

  it('should refuse an invalid decision in the Update validator and leave the workflow unchanged', async () => {
    const { journeyRef, handle } = await h.startJourney();
    const task = await h.waitTask(journeyRef, 'eligibility-screening');
    const attempt = handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: task.taskId, decision: { outcome: 'maybe' }, by: 'police:x', reason: 'r' }],
    });
    await expect(attempt).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    const unknown = await handle
      .executeUpdate(completeTaskUpdate, { args: [{ taskId: 'no-such-task', decision: {}, by: 'police:x', reason: 'r' }] })
      .catch((e: unknown) => e);
    expect((unknown as WorkflowUpdateFailedError).cause?.message).toMatch(/task no-such-task is not open/);
    const noReason = await handle
      .executeUpdate(completeTaskUpdate, {
        args: [{ taskId: task.taskId, decision: { outcome: 'eligible', riskLevel: 'standard', reason: 'x' }, by: 'police:x', reason: ' ' }],
      })
      .catch((e: unknown) => e);
    expect((noReason as WorkflowUpdateFailedError).cause?.message).toBe('a decision needs a reason');
    const history = await handle.fetchHistory();
    expect(history.events?.some((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toBe(false);
    expect((await h.state(handle)).stage).toBe('screening');
    await handle.terminate('test done');
  });
});
