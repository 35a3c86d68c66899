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
  // Counted as sessions are recorded, so a stopped intervention closes its episode with the sessions attended so far.
  const tally: Tally = { attended: 0, missed: 0, session: 1, attempt: 1 };
  const tasks = new TaskBook(
    childTaskHooks(report, {
      journeyRef,
      stage: () => 'intervention',
      riskLevel: () => input.riskLevel,
      escalationGrace: policy.escalationGrace,
    }),
  );

  // Version 2 on, each session is booked when the previous one is recorded: the outcome task exists at
  // once with the session's time (`scheduledFor`, refused before it), the session's record is written
  // beside it and the journey hears both in one report, instead of a timer, a report and the task.
  const booked = patched(JOURNEYS_V2);
  try {
    const askPre = (): ReturnType<typeof tasks.ask<'psychometrics-pre'>> =>
      tasks.ask({
        kind: 'psychometrics-pre',
        queue: 'psychology',
        title: 'Pre-treatment psychometrics',
        due: policy.psychometricsDeadline,
      });
    let pre: Awaited<ReturnType<typeof askPre>>;
    if (booked) {
      [, pre] = await Promise.all([
        intervention
          .openInterventionEpisode({ journeyRef, participantRef: journeyRef })
          .then(() => say('Intervention episode opened with the psychology service.')),
        askPre(),
      ]);
    } else {
      await intervention.openInterventionEpisode({ journeyRef, participantRef: journeyRef });
      say('Intervention episode opened with the psychology service.');
      pre = await askPre();
    }
    if (pre) say(`Pre-treatment psychometrics taken (${pre.decision.instruments.join(', ')}).`, pre.by);

    let recorded: Promise<unknown> = Promise.resolve();
    if (booked) {
      const sessions = await bookedSessions(input, tasks, report, tally);
      recorded = sessions.recorded;
      if (sessions.nonCompliant) {
        await recorded;
        await Promise.all([
          intervention.closeInterventionEpisode({ journeyRef, status: 'non-compliant', sessionsAttended: tally.attended }),
          report.flush(),
          tasks.settled(),
        ]);
        return { outcome: 'non-compliant', sessionsAttended: tally.attended, sessionsMissed: tally.missed };
      }
    }
    while (!booked && tally.attended < policy.maxSessions) {
      const { session: current, attempt } = tally;
      // Tell the journey what happened before waiting for the next session (the signal and the timer share a workflow task).
      if (current > 1 || attempt > 1) await Promise.all([report.flush(), sleep(policy.sessionSpacing)]);
      const outcome = await tasks.ask({
        kind: 'session-outcome',
        queue: 'psychology',
        title: `Record the outcome of fACT session ${current} of ${policy.maxSessions}`,
        due: policy.sessionDeadline,
        context: { sessionNumber: current, attempt, maxSessions: policy.maxSessions },
        rule: (d) => sessionRule(policy, current, d),
      });
      if (!outcome) continue;
      const { decision, by } = outcome;
      const recorded = intervention.recordSession({
        journeyRef,
        sessionNumber: current,
        attempt,
        outcome: decision.outcome,
        recordedBy: by,
      });
      await alertDisclosure(journeyRef, { session: current, attempt, disclosure: decision.riskDisclosure, by }, report);
      await recorded;
      if (countOutcome(tally, current, decision.outcome, by, policy, report)) {
        await Promise.all([
          intervention.closeInterventionEpisode({ journeyRef, status: 'non-compliant', sessionsAttended: tally.attended }),
          report.flush(),
        ]);
        return { outcome: 'non-compliant', sessionsAttended: tally.attended, sessionsMissed: tally.missed };
      }
    }
    const [post] = await Promise.all([
      tasks.ask({
        kind: 'psychometrics-post',
        queue: 'psychology',
        title: 'Post-treatment psychometrics',
        due: policy.psychometricsDeadline,
      }),
      recorded,
    ]);
    if (post) say(`Post-treatment psychometrics taken (${post.decision.instruments.join(', ')}).`, post.by);
    await Promise.all([
      intervention.closeInterventionEpisode({ journeyRef, status: 'completed', sessionsAttended: tally.attended }),
      report.flush(),
      tasks.settled(),
    ]);
    return { outcome: 'completed', sessionsAttended: tally.attended, sessionsMissed: tally.missed };
  } catch (error) {
    if (isCancellation(error)) {
      await CancellationScope.nonCancellable(() =>
        Promise.all([
          intervention.closeInterventionEpisode({ journeyRef, status: 'stopped', sessionsAttended: tally.attended }),
          report.flush(),
        ]),
      );
    }
    throw error;
  }
}

/** Why a recorded session number is refused: past the maximum, or not this task's session. */
const sessionRule = (policy: JourneyPolicy, current: number, d: TaskDecision<'session-outcome'>): string | undefined => {
  if (d.sessionNumber > policy.maxSessions)
    return `fACT has at most ${policy.maxSessions} sessions: a ${ordinal(d.sessionNumber)} session cannot be recorded`;
  if (d.sessionNumber !== current) return `this task records session ${current}, not session ${d.sessionNumber}`;
  return undefined;
};

type Tally = { attended: number; missed: number; session: number; attempt: number };

/**
 * A session's outcome counted and told to the journey: attended moves to the next session,
 * rescheduled and missed try the same one again. True when the missed sessions end the intervention.
 */
function countOutcome(
  tally: Tally,
  current: number,
  outcome: TaskDecision<'session-outcome'>['outcome'],
  by: string,
  policy: JourneyPolicy,
  report: ParentReport,
): boolean {
  if (outcome === 'attended') {
    tally.attended += 1;
    tally.session += 1;
    tally.attempt = 1;
    report.add({
      entry: { what: `Session ${current} attended (${tally.attended} of ${policy.maxSessions}).`, by },
      sessionsAttended: tally.attended,
    });
    return false;
  }
  tally.attempt += 1;
  if (outcome === 'rescheduled') {
    report.say(`Session ${current} rescheduled.`, by);
    return false;
  }
  tally.missed += 1;
  report.say(`Session ${current} missed (${tally.missed} missed; ${policy.maxMissedSessions} ends the intervention).`, by);
  return tally.missed >= policy.maxMissedSessions;
}

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

type BookedOutcome = { nonCompliant: boolean; recorded: Promise<unknown> };

/**
 * Sessions booked one after another: when an outcome is recorded, the next session is booked at
 * once for `sessionSpacing` later (the first at once), its outcome task due `sessionDeadline` after
 * that; the session's record is written while the next one waits. An outcome recorded before its
 * session's time is refused.
 */
async function bookedSessions(input: InterventionInput, tasks: TaskBook, report: ParentReport, tally: Tally): Promise<BookedOutcome> {
  const { policy, journeyRef } = input;
  const records: Promise<unknown>[] = [];
  let gap = 0;
  while (tally.attended < policy.maxSessions) {
    const { session: current, attempt } = tally;
    const at = Date.now() + gap;
    const scheduledFor = new Date(at).toISOString();
    const outcome = await tasks.ask({
      kind: 'session-outcome',
      queue: 'psychology',
      title: `Record the outcome of fACT session ${current} of ${policy.maxSessions}`,
      due: `${gap + toMs(policy.sessionDeadline)} ms`,
      context: { sessionNumber: current, attempt, maxSessions: policy.maxSessions, scheduledFor },
      rule: (d) =>
        sessionRule(policy, current, d) ??
        (Date.now() < at
          ? `session ${current} is booked for ${scheduledFor}: its outcome can be recorded once it has taken place`
          : undefined),
    });
    gap = toMs(policy.sessionSpacing);
    if (!outcome) continue;
    const { decision, by } = outcome;
    records.push(
      handled(intervention.recordSession({ journeyRef, sessionNumber: current, attempt, outcome: decision.outcome, recordedBy: by })),
    );
    await alertDisclosure(journeyRef, { session: current, attempt, disclosure: decision.riskDisclosure, by }, report);
    if (countOutcome(tally, current, decision.outcome, by, policy, report))
      return { nonCompliant: true, recorded: handled(Promise.all(records)) };
  }
  return { nonCompliant: false, recorded: handled(Promise.all(records)) };
}
