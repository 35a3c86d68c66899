import { CancellationScope, isCancellation, patched, sleep, workflowInfo } from '@temporalio/workflow';
import type { JourneyPolicy, TaskDecision } from '@easi/contracts';
import { intervention, referral } from './activities';
import { toMs } from './duration';
import { TaskBook } from './human-task';
import { JOURNEYS_V2 } from './versions';
import { ParentReport, childTaskHooks } from './progress';

export type InterventionInput = { journeyRef: string; parentWorkflowId: string; policy: JourneyPolicy; riskLevel: string };
export type InterventionResult = { outcome: 'completed' | 'non-compliant'; sessionsAttended: number; sessionsMissed: number };

const ordinal = (n: number): string => ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth'][n - 1] ?? `${n}th`;

/**
 * The fACT intervention: pre-treatment psychometrics, then one-hour sessions until six are attended
 * (the maximum), each attended / missed / rescheduled, then post-treatment psychometrics. Missing the
 * policy's number of sessions ends it as non-compliant, for police to decide.
 */
export async function factIntervention(input: InterventionInput): Promise<InterventionResult> {
  const { policy, journeyRef } = input;
  const report = new ParentReport(input.parentWorkflowId);
  const say = (what: string, by = 'system'): void => report.say(what, by);
  let attended = 0;
  let missed = 0;
  const tasks = new TaskBook(
    childTaskHooks(report, { journeyRef, stage: () => 'intervention', riskLevel: () => input.riskLevel, escalationGrace: policy.escalationGrace }),
  );

  // Version 2 on, each session is booked when the previous one is recorded: the outcome task exists at
  // once with the session's time (`scheduledFor`, refused before it), the session's record is written
  // beside it and the journey hears both in one report, instead of a timer, a report and the task.
  const booked = patched(JOURNEYS_V2);
  try {
    const askPre = (): ReturnType<typeof tasks.ask<'psychometrics-pre'>> =>
      tasks.ask({ kind: 'psychometrics-pre', queue: 'psychology', title: 'Pre-treatment psychometrics', due: policy.psychometricsDeadline });
    let pre: Awaited<ReturnType<typeof askPre>>;
    if (booked) {
      [, pre] = await Promise.all([intervention.openInterventionEpisode({ journeyRef, participantRef: journeyRef }).then(() => say('Intervention episode opened with the psychology service.')), askPre()]);
    } else {
      await intervention.openInterventionEpisode({ journeyRef, participantRef: journeyRef });
      say('Intervention episode opened with the psychology service.');
      pre = await askPre();
    }
    if (pre) say(`Pre-treatment psychometrics taken (${pre.decision.instruments.join(', ')}).`, pre.by);

    let session = 1;
    let attempt = 1;
    let recorded: Promise<unknown> = Promise.resolve();
    if (booked) {
      const sessions = await bookedSessions(input, tasks, report);
      attended = sessions.attended;
      missed = sessions.missed;
      recorded = sessions.recorded;
      if (sessions.nonCompliant) {
        await recorded;
        await Promise.all([intervention.closeInterventionEpisode({ journeyRef, status: 'non-compliant', sessionsAttended: attended }), report.flush(), tasks.settled()]);
        return { outcome: 'non-compliant', sessionsAttended: attended, sessionsMissed: missed };
      }
    }
    while (!booked && attended < policy.maxSessions) {
      // Tell the journey what happened before waiting for the next session (the signal and the timer share a workflow task).
      if (session > 1 || attempt > 1) await Promise.all([report.flush(), sleep(policy.sessionSpacing)]);
      const current = session;
      const outcome = await tasks.ask({
        kind: 'session-outcome',
        queue: 'psychology',
        title: `Record the outcome of fACT session ${current} of ${policy.maxSessions}`,
        due: policy.sessionDeadline,
        context: { sessionNumber: current, attempt, maxSessions: policy.maxSessions },
        rule: (d) => {
          if (d.sessionNumber > policy.maxSessions) return `fACT has at most ${policy.maxSessions} sessions: a ${ordinal(d.sessionNumber)} session cannot be recorded`;
          if (d.sessionNumber !== current) return `this task records session ${current}, not session ${d.sessionNumber}`;
          return undefined;
        },
      });
      if (!outcome) continue;
      const { decision, by } = outcome;
      const recorded = intervention.recordSession({ journeyRef, sessionNumber: current, attempt, outcome: decision.outcome, recordedBy: by });
      await alertDisclosure(journeyRef, { session: current, attempt, disclosure: decision.riskDisclosure, by }, report);
      await recorded;
      if (decision.outcome === 'attended') {
        attended += 1;
        session += 1;
        attempt = 1;
        report.add({ entry: { what: `Session ${current} attended (${attended} of ${policy.maxSessions}).`, by }, sessionsAttended: attended });
      } else if (decision.outcome === 'rescheduled') {
        attempt += 1;
        say(`Session ${current} rescheduled.`, by);
      } else {
        missed += 1;
        attempt += 1;
        say(`Session ${current} missed (${missed} missed; ${policy.maxMissedSessions} ends the intervention).`, by);
        if (missed >= policy.maxMissedSessions) {
          await Promise.all([intervention.closeInterventionEpisode({ journeyRef, status: 'non-compliant', sessionsAttended: attended }), report.flush()]);
          return { outcome: 'non-compliant', sessionsAttended: attended, sessionsMissed: missed };
        }
      }
    }
    const [post] = await Promise.all([tasks.ask({ kind: 'psychometrics-post', queue: 'psychology', title: 'Post-treatment psychometrics', due: policy.psychometricsDeadline }), recorded]);
    if (post) say(`Post-treatment psychometrics taken (${post.decision.instruments.join(', ')}).`, post.by);
    await Promise.all([intervention.closeInterventionEpisode({ journeyRef, status: 'completed', sessionsAttended: attended }), report.flush(), tasks.settled()]);
    return { outcome: 'completed', sessionsAttended: attended, sessionsMissed: missed };
  } catch (error) {
    if (isCancellation(error)) {
      await CancellationScope.nonCancellable(() => Promise.all([intervention.closeInterventionEpisode({ journeyRef, status: 'stopped', sessionsAttended: attended }), report.flush()]));
    }
    throw error;
  }
}

/** `recorded` settles when every session's record is written (awaited with the next step, not before it). */
type Disclosure = { session: number; attempt: number; disclosure: TaskDecision<'session-outcome'>['riskDisclosure']; by: string };

/** A risk disclosed in a session: an alert to police and the agencies concerned at once, and a line for the journey. */
async function alertDisclosure(journeyRef: string, { session, attempt, disclosure, by }: Disclosure, report: ParentReport): Promise<void> {
  if (disclosure === 'none') return;
  await referral.raiseAlert({
    alertId: `${workflowInfo().workflowId}:session-${session}-${attempt}:disclosure`,
    journeyRef,
    kind: 'session-risk-disclosure',
    audiences: disclosure === 'threat-to-victim' ? ['police', 'victim-service', 'risk'] : ['police', 'risk'],
    summary: `Risk disclosed in fACT session ${session}: ${disclosure}.`,
  });
  report.say(`Risk disclosed in session ${session} (${disclosure}); police and the relevant agencies alerted.`, by);
}

/** Marks a promise awaited later as handled, so its failure surfaces where it is awaited, not as an unhandled rejection. */
const handled = <T>(promise: Promise<T>): Promise<T> => {
  void promise.catch(() => undefined);
  return promise;
};

type SessionTally = { attended: number; missed: number; nonCompliant: boolean; recorded: Promise<unknown> };

/**
 * Sessions booked one after another: when an outcome is recorded, the next session is booked at
 * once for `sessionSpacing` later (the first at once), its outcome task due `sessionDeadline` after
 * that; the session's record is written while the next one waits. An outcome recorded before its
 * session's time is refused.
 */
async function bookedSessions(input: InterventionInput, tasks: TaskBook, report: ParentReport): Promise<SessionTally> {
  const { policy, journeyRef } = input;
  const say = (what: string, by = 'system'): void => report.say(what, by);
  const records: Promise<unknown>[] = [];
  let attended = 0;
  let missed = 0;
  let session = 1;
  let attempt = 1;
  let gap = 0;
  while (attended < policy.maxSessions) {
    const current = session;
    const at = Date.now() + gap;
    const scheduledFor = new Date(at).toISOString();
    const outcome = await tasks.ask({
      kind: 'session-outcome',
      queue: 'psychology',
      title: `Record the outcome of fACT session ${current} of ${policy.maxSessions}`,
      due: `${gap + toMs(policy.sessionDeadline)} ms`,
      context: { sessionNumber: current, attempt, maxSessions: policy.maxSessions, scheduledFor },
      rule: (d) => {
        if (d.sessionNumber > policy.maxSessions) return `fACT has at most ${policy.maxSessions} sessions: a ${ordinal(d.sessionNumber)} session cannot be recorded`;
        if (d.sessionNumber !== current) return `this task records session ${current}, not session ${d.sessionNumber}`;
        if (Date.now() < at) return `session ${current} is booked for ${scheduledFor}: its outcome can be recorded once it has taken place`;
        return undefined;
      },
    });
    gap = toMs(policy.sessionSpacing);
    if (!outcome) continue;
    const { decision, by } = outcome;
    records.push(handled(intervention.recordSession({ journeyRef, sessionNumber: current, attempt, outcome: decision.outcome, recordedBy: by })));
    await alertDisclosure(journeyRef, { session: current, attempt, disclosure: decision.riskDisclosure, by }, report);
    if (decision.outcome === 'attended') {
      attended += 1;
      session += 1;
      attempt = 1;
      report.add({ entry: { what: `Session ${current} attended (${attended} of ${policy.maxSessions}).`, by }, sessionsAttended: attended });
    } else if (decision.outcome === 'rescheduled') {
      attempt += 1;
      say(`Session ${current} rescheduled.`, by);
    } else {
      missed += 1;
      attempt += 1;
      say(`Session ${current} missed (${missed} missed; ${policy.maxMissedSessions} ends the intervention).`, by);
      if (missed >= policy.maxMissedSessions) return { attended, missed, nonCompliant: true, recorded: handled(Promise.all(records)) };
    }
  }
  return { attended, missed, nonCompliant: false, recorded: handled(Promise.all(records)) };
}
