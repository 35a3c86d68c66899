import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { monitoredEventSignal, type JourneyPolicy, type JourneyTrigger, type OffenceFamily } from '@easi/contracts';
import { referral } from './activities';
import { toMs } from './duration';
import { TaskBook } from './human-task';
import { ParentReport, childTaskHooks } from './progress';

export type MonitoringInput = {
  journeyRef: string;
  parentWorkflowId: string;
  policy: JourneyPolicy;
  riskLevel: string;
  /** Absolute end of the monitoring period; set by the first run and carried through continue-as-new. */
  until?: string;
  /** Events already handled (bounded), so a redelivered event is not reviewed twice. */
  seenEventIds?: string[];
  /** Events received but not yet handled when the run continued-as-new. */
  backlog?: JourneyTrigger[];
  run?: number;
};
export type MonitoringResult = { outcome: 'completed' | 're-offended'; reason: string; runs: number };

/** New reports in these families during monitoring are flagged to the EASI team and the ISAC. */
const STALKING_RELATED: ReadonlySet<OffenceFamily> = new Set<OffenceFamily>([
  'stalking',
  'harassment',
  'harassment-fear-of-violence',
  'racially-aggravated-harassment',
  'breach-non-molestation-order',
  'breach-community-resolution',
  'breach-spo',
  'malicious-communications',
]);

const SEEN_LIMIT = 200;

/**
 * Follow-up breach monitoring: for the policy's period, police events about the participant are
 * checked; a stalking-related one raises a cross-agency alert and a review task for the EASI team.
 * History stays bounded: the run continues-as-new after the policy's number of events or when
 * Temporal suggests it, carrying the end date, the seen ids and any backlog.
 */
export async function breachMonitoring(input: MonitoringInput): Promise<MonitoringResult> {
  const { policy, journeyRef } = input;
  const run = input.run ?? 1;
  const until = input.until ?? new Date(Date.now() + toMs(policy.monitoringPeriod)).toISOString();
  const seen = new Set(input.seenEventIds ?? []);
  const backlog: JourneyTrigger[] = [...(input.backlog ?? [])];
  const report = new ParentReport(input.parentWorkflowId);
  const tasks = new TaskBook(
    childTaskHooks(report, {
      journeyRef,
      stage: () => 'monitoring',
      riskLevel: () => input.riskLevel,
      escalationGrace: policy.escalationGrace,
    }),
  );
  setHandler(monitoredEventSignal, (event: JourneyTrigger) => {
    if (!seen.has(event.sourceEventId) && !backlog.some((e) => e.sourceEventId === event.sourceEventId)) backlog.push(event);
  });

  let handledThisRun = 0;
  for (;;) {
    const remaining = Date.parse(until) - Date.now();
    if (remaining <= 0 && backlog.length === 0) break;
    if (!(await condition(() => backlog.length > 0, Math.max(remaining, 1)))) break;
    const event = backlog.shift() as JourneyTrigger;
    seen.add(event.sourceEventId);
    handledThisRun += 1;
    const relevant = event.offenceFamilies.some((f) => STALKING_RELATED.has(f));
    const what = `a ${event.kind.replace('-', ' ')} (${event.offenceFamilies.join(', ')})`;
    if (!relevant) {
      await report.send({ entry: { what: `Monitoring: ${what} noted; not stalking-related.`, by: 'system' } });
    } else {
      await referral.raiseAlert({
        alertId: `${workflowInfo().workflowId}:${event.sourceEventId}`,
        journeyRef,
        kind: 'monitoring-event',
        audiences: ['police', 'victim-service'],
        summary: `New stalking-related police event during follow-up monitoring: ${what}.`,
      });
      report.say(`Monitoring: ${what} flagged to the EASI team and the ISAC; review task opened.`);
      const review = await tasks.ask({
        kind: 'monitoring-review',
        queue: 'easi-team',
        title: 'Review a new police event about the participant',
        due: policy.monitoringReviewDeadline,
        context: { sourceEventId: event.sourceEventId, families: event.offenceFamilies.join(',') },
      });
      if (review?.decision.reoffended) {
        await Promise.all([report.flush(), tasks.settled()]);
        return { outcome: 're-offended', reason: `re-offended during follow-up monitoring: ${review.reason}`, runs: run };
      }
      if (review) await report.send({ entry: { what: `Monitoring review: not a re-offence (${review.reason}).`, by: review.by } });
    }
    if (handledThisRun >= policy.monitoringEventsPerRun || workflowInfo().continueAsNewSuggested) {
      await Promise.all([condition(allHandlersFinished), tasks.settled()]);
      const keep = [...seen].slice(-SEEN_LIMIT);
      await continueAsNew<typeof breachMonitoring>({ ...input, until, seenEventIds: keep, backlog, run: run + 1 });
    }
  }
  await tasks.settled();
  return { outcome: 'completed', reason: 'follow-up monitoring period ended with no re-offence', runs: run };
}
