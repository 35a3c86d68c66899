import {
  ApplicationFailure,
  CancellationScope,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  setHandler,
  startChild,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import {
  CHILD_WORKFLOW_TYPES,
  DEFAULT_JOURNEY_POLICY,
  TASK_REFUSALS,
  childProgressSignal,
  complianceWorkflowId,
  interventionWorkflowId,
  journeyClosedSignal,
  journeyStateQuery,
  monitoredEventSignal,
  monitoringWorkflowId,
  policeEventSignal,
  victimRiskSignal,
  victimSupportWorkflowId,
  withdrawConsentUpdate,
  type JourneyInput,
  type JourneyOutcome,
  type JourneyState,
  type JourneyTrigger,
  type OpenTaskSummary,
} from '@easi/contracts';
import { referral } from './activities';
import { TaskBook } from './human-task';
import { JourneyRecord } from './journey-record';
import { JOURNEYS_V2 } from './versions';
import type { cautionCompliance } from './compliance.workflow';
import type { factIntervention } from './intervention.workflow';
import type { breachMonitoring } from './monitoring.workflow';
import type { victimSupport } from './victim-support.workflow';

type Exit = { outcome: JourneyOutcome; reason: string; by: string };

const TRIAGE_ACTIONS: Record<string, string> = {
  'apply-spo': 'apply for a Stalking Protection Order',
  safeguarding: 'safeguarding actions',
  'marac-referral': 'refer to MARAC',
  'victim-contact': 'victim contact',
};

/**
 * The perpetrator journey, one per EASI episode (id `journey-<journeyRef>`): detected → screening
 * and eligibility → awaiting triage → triage decision → disposal → consent and contract → fACT
 * intervention → compliance → follow-up monitoring → closed, with every exit the domain has.
 * People decide through tasks in the owning services' inboxes; children run the intervention, the
 * caution's compliance, follow-up monitoring and (outliving the journey) victim support.
 */
export async function perpetratorJourney(input: JourneyInput): Promise<JourneyState> {
  // Inputs recorded before the full policy existed carry only some durations.
  const policy = { ...DEFAULT_JOURNEY_POLICY, ...input.policy };
  const { journeyRef, trigger } = input;
  // Version 2 on, fewer workflow tasks per step: one coalesced search-attribute upsert per workflow
  // task, victim support started beside the screening task, closure's writes in parallel.
  const lean = patched(JOURNEYS_V2);
  const journey = new JourneyRecord(journeyRef, lean ? 'coalesced' : 'immediate');
  const state = journey.state;
  const seenEvents = new Set<string>([trigger.sourceEventId]);
  let exit: Exit | undefined;
  let consentInForce = false;
  let victimSupportStarted = false;
  let monitoring: ChildWorkflowHandle<typeof breachMonitoring> | undefined;

  const tasks = new TaskBook({
    journeyRef,
    stage: () => state.stage,
    riskLevel: () => state.riskLevel ?? 'unknown',
    escalationGrace: policy.escalationGrace,
    opened: (task) => journey.taskOpened(task),
    closed: (taskId) => journey.taskClosed(taskId),
    note: (what) => journey.record(what),
    refuseAll: () => (exit ? `the journey is closing (${exit.outcome})` : undefined),
    abandon: () => exit !== undefined,
  });

  const startVictimSupport = async (victimCount: number): Promise<void> => {
    if (victimSupportStarted || victimCount === 0) return;
    victimSupportStarted = true;
    await startChild<typeof victimSupport>(CHILD_WORKFLOW_TYPES.victimSupport, {
      workflowId: victimSupportWorkflowId(journeyRef),
      args: [{ journeyRef, parentWorkflowId: workflowInfo().workflowId, policy, victimCount }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
    journey.record('Victim support started in parallel (ISAC referral).');
  };

  setHandler(journeyStateQuery, () => journey.snapshot());
  setHandler(policeEventSignal, async (event: JourneyTrigger) => {
    if (seenEvents.has(event.sourceEventId)) return;
    seenEvents.add(event.sourceEventId);
    journey.record(`New ${event.kind.replace('-', ' ')} received about this person (${event.offenceFamilies.join(', ')}).`);
    if (monitoring) {
      await getExternalWorkflowHandle(monitoring.workflowId).signal(monitoredEventSignal, event);
    }
    if (!exit && event.victimRefs.length > 0 && state.stage !== 'detected') await startVictimSupport(event.victimRefs.length);
  });
  setHandler(childProgressSignal, (batch) => {
    for (const progress of batch) journey.childProgress(progress);
  });
  setHandler(victimRiskSignal, async (risk) => {
    journey.record(`New risk raised by the victim service: ${risk.detail}`, risk.raisedBy);
    if (exit) return;
    await referral.raiseAlert({
      alertId: `${workflowInfo().workflowId}:victim-risk:${seenEvents.size}:${state.timeline.length}`,
      journeyRef,
      kind: 'victim-risk',
      audiences: ['police', 'risk'],
      summary: 'The victim service raised a new risk; review the risk assessment.',
    });
  });
  setHandler(
    withdrawConsentUpdate,
    ({ by, reason }) => {
      exit = { outcome: 'consent-withdrawn', reason: `consent withdrawn: ${reason.trim()}`, by };
      journey.record(`Consent withdrawn (a compliance event; the record is kept): ${reason.trim()}`, by);
      return { accepted: true as const };
    },
    {
      validator: ({ reason }) => {
        if (exit || state.stage === 'closed')
          throw ApplicationFailure.create({
            type: TASK_REFUSALS.wrongState,
            message: 'the journey is closed or closing',
            nonRetryable: true,
          });
        if (!consentInForce)
          throw ApplicationFailure.create({
            type: TASK_REFUSALS.wrongState,
            message: `consent is not in force at stage ${state.stage}: nothing to withdraw`,
            nonRetryable: true,
          });
        if (typeof reason !== 'string' || reason.trim() === '')
          throw ApplicationFailure.create({
            type: TASK_REFUSALS.invalidDecision,
            message: 'a withdrawal needs a reason',
            nonRetryable: true,
          });
      },
    },
  );

  journey.attributes({ policeArea: trigger.policeArea });
  journey.record(
    `Detected from a ${trigger.kind.replace('-', ' ')} in ${trigger.policeArea} ` +
      `(${trigger.offenceFamilies.join(', ')}; suspect is the victim's ${trigger.relationshipToVictim}).`,
  );

  const children: { scope: CancellationScope; done: Promise<unknown> }[] = [];
  /** Runs a child in its own scope so an exit can cancel it; its failure becomes the journey's exit. */
  const runChild = <T>(start: () => Promise<T>): Promise<T> => {
    const scope = new CancellationScope();
    const done = scope.run(start);
    children.push({ scope, done: done.catch(() => undefined) });
    return done;
  };

  const main = async (): Promise<Exit> => {
    const opened = await referral.openReferralCase({
      journeyRef,
      policeArea: trigger.policeArea,
      personRef: trigger.personRef,
      victimRefs: trigger.victimRefs,
      relationshipToVictim: trigger.relationshipToVictim,
      sourceEventId: trigger.sourceEventId,
    });
    state.referralCaseRef = opened.caseRef;
    journey.record(`Referral case ${opened.caseRef} opened; victim service notified to offer ISAC support.`);
    const screen = (): ReturnType<typeof tasks.ask<'eligibility-screening'>> => {
      journey.enter('screening');
      return tasks.ask({
        kind: 'eligibility-screening',
        queue: 'easi-team',
        title: 'Screen the candidate: risk (DASH/DARA, SASH) and eligibility',
        due: policy.screeningDeadline,
      });
    };
    let screened: Awaited<ReturnType<typeof screen>>;
    if (lean) {
      // The child's start and the task row are confirmed in the same workflow task.
      [, screened] = await Promise.all([startVictimSupport(trigger.victimRefs.length), screen()]);
    } else {
      await startVictimSupport(trigger.victimRefs.length);
      screened = await screen();
    }
    if (!screened) return exitOf(exit);
    const { outcome, riskLevel, reason, override } = screened.decision;
    // State only, no command: journeys already running (and their histories) replay unchanged.
    if (override) journey.eligibilityOverridden(override);
    journey.attributes({ riskLevel });
    journey.record(`Screened: risk ${riskLevel}; eligibility ${outcome} — ${reason}`, screened.by);
    if (riskLevel === 'high' || riskLevel === 'very-high') {
      await referral.raiseAlert({
        alertId: `${workflowInfo().workflowId}:high-risk`,
        journeyRef,
        kind: 'high-risk-referral',
        audiences: ['police', 'risk'],
        summary: `Risk assessed ${riskLevel}: handed to the standard risk process, not diverted to EASI.`,
      });
      return {
        outcome: 'high-risk',
        reason: `risk ${riskLevel}: handed to the standard high-risk process (MARAC), not diverted`,
        by: screened.by,
      };
    }
    if (outcome === 'ineligible') return { outcome: 'ineligible', reason, by: screened.by };

    journey.enter('awaiting-triage');
    const triage = await tasks.ask({
      kind: 'triage-decision',
      queue: 'triage-clinic',
      title: 'Triage clinic: refer to EASI or not',
      due: policy.triageDecisionDeadline,
    });
    if (!triage) return exitOf(exit);
    journey.enter('triage');
    const actions = triage.decision.actions.map((a) => TRIAGE_ACTIONS[a] ?? a);
    journey.record(
      `Triage clinic decided: ${triage.decision.outcome === 'refer-to-easi' ? 'refer to EASI' : 'no further EASI action'}${actions.length ? `; actions: ${actions.join(', ')}` : ''} — ${triage.reason}`,
      triage.by,
    );
    if (triage.decision.outcome === 'no-further-action')
      return { outcome: 'triage-declined', reason: `triage clinic: no further EASI action (${triage.reason})`, by: triage.by };

    journey.enter('disposal');
    const disposal = await tasks.ask({
      kind: 'disposal-decision',
      queue: 'easi-team',
      title: 'Record the disposal that makes EASI binding',
      due: policy.disposalDeadline,
    });
    if (!disposal) return exitOf(exit);
    journey.attributes({ disposal: disposal.decision.disposal });
    journey.record(
      `Disposal: ${disposal.decision.disposal.replace(/-/g, ' ')}${disposal.decision.conditions.length ? ` with conditions ${disposal.decision.conditions.map((c) => c.code).join(', ')}` : ''}.`,
      disposal.by,
    );
    let compliance: Promise<{ breached: boolean; reason: string }> | undefined;
    if (disposal.decision.disposal === 'conditional-caution' && disposal.decision.conditions.length > 0) {
      const conditions = disposal.decision.conditions;
      compliance = runChild(async () => {
        const child = await startChild<typeof cautionCompliance>(CHILD_WORKFLOW_TYPES.compliance, {
          workflowId: complianceWorkflowId(journeyRef),
          args: [{ journeyRef, parentWorkflowId: workflowInfo().workflowId, policy, riskLevel, conditions }],
        });
        return child.result();
      });
      compliance.then(
        (r) => {
          if (r.breached && !exit) exit = { outcome: 'caution-breached', reason: r.reason, by: 'police' };
        },
        () => undefined,
      );
    }

    journey.enter('consent');
    const consent = await tasks.ask({
      kind: 'consent-contract',
      queue: 'easi-team',
      title: 'Consent and contract with the participant',
      due: policy.consentDeadline,
    });
    if (!consent) return exitOf(exit);
    if (consent.decision.consent === 'declined')
      return { outcome: 'consent-declined', reason: `consent declined: ${consent.reason}`, by: consent.by };
    consentInForce = true;
    journey.record(`Contract v${consent.decision.contractVersion} signed: consent given, information-sharing agreed.`, consent.by);

    journey.enter('intervention');
    let interventionResult: Awaited<ReturnType<typeof factIntervention>> | undefined;
    const interventionDone = runChild(async () => {
      const child = await startChild<typeof factIntervention>(CHILD_WORKFLOW_TYPES.intervention, {
        workflowId: interventionWorkflowId(journeyRef),
        args: [{ journeyRef, parentWorkflowId: workflowInfo().workflowId, policy, riskLevel }],
      });
      return child.result();
    }).then((r) => {
      interventionResult = r;
    });
    interventionDone.catch(() => undefined);
    await condition(() => interventionResult !== undefined || exit !== undefined);
    if (exit) return exit;
    const result = interventionResult as NonNullable<typeof interventionResult>;
    if (result.outcome === 'non-compliant') {
      journey.record(`Intervention stopped: ${result.sessionsMissed} sessions missed. Non-compliance decision sent to police.`);
      await referral.raiseAlert({
        alertId: `${workflowInfo().workflowId}:non-compliance`,
        journeyRef,
        kind: 'non-compliance',
        audiences: ['police'],
        summary: 'Participant missed too many fACT sessions: police decision needed.',
      });
      const decided = await tasks.ask({
        kind: 'non-compliance-decision',
        queue: 'supervisors',
        title: 'Non-attendance: prosecute the original offence or other action',
        due: policy.breachDecisionDeadline,
      });
      if (!decided) return exitOf(exit);
      return {
        outcome: 'non-attendance',
        reason: `non-attendance (${result.sessionsMissed} sessions missed); police decided: ${decided.decision.action.replace(/-/g, ' ')} — ${decided.reason}`,
        by: decided.by,
      };
    }
    consentInForce = false;
    journey.record(`Intervention completed: ${result.sessionsAttended} sessions attended.`);

    if (compliance) {
      journey.enter('compliance');
      const complied = await compliance;
      if (exit) return exit;
      if (complied.breached) return { outcome: 'caution-breached', reason: complied.reason, by: 'police' };
      journey.record(`Caution compliance: ${complied.reason}.`);
    }

    journey.enter('monitoring');
    const monitored = await runChild(async () => {
      monitoring = await startChild<typeof breachMonitoring>(CHILD_WORKFLOW_TYPES.monitoring, {
        workflowId: monitoringWorkflowId(journeyRef),
        args: [{ journeyRef, parentWorkflowId: workflowInfo().workflowId, policy, riskLevel }],
      });
      return monitoring.result();
    });
    monitoring = undefined;
    if (monitored.outcome === 're-offended') return { outcome: 're-offended', reason: monitored.reason, by: 'system' };
    return { outcome: 'completed', reason: `six sessions attended and ${monitored.reason}`, by: 'system' };
  };

  const final = await main().catch((error: unknown) => {
    // A child cancelled because of an exit surfaces here as a failure; the exit is the real story.
    if (exit && !isCancellation(error)) return exit;
    if (exit) return exit;
    throw error;
  });
  exit ??= final;
  await close(exit);
  return journey.snapshot();

  async function close(how: Exit): Promise<void> {
    for (const child of children) child.scope.cancel();
    await Promise.all(children.map((c) => c.done));
    const tellVictimSupport = async (): Promise<void> => {
      if (!victimSupportStarted) return;
      try {
        await getExternalWorkflowHandle(victimSupportWorkflowId(journeyRef)).signal(journeyClosedSignal, { outcome: how.outcome });
      } catch {
        // Victim support already finished (the victim declined support).
      }
    };
    if (lean) {
      await Promise.all([
        referral.closeReferralCase({ journeyRef, outcome: how.outcome, reason: how.reason }),
        tellVictimSupport(),
        tasks.settled(),
      ]);
      journey.close(how.outcome, how.reason, how.by);
    } else {
      await referral.closeReferralCase({ journeyRef, outcome: how.outcome, reason: how.reason });
      journey.close(how.outcome, how.reason, how.by);
      await tellVictimSupport();
    }
    await condition(allHandlersFinished);
  }
}

/** The exit that interrupted a wait (consent withdrawn, a caution breached). */
const exitOf = (exit: Exit | undefined): Exit => {
  if (!exit)
    throw ApplicationFailure.create({
      type: 'JourneyInvariant',
      message: 'a task ended without a decision or an exit',
      nonRetryable: true,
    });
  return exit;
};

export type { OpenTaskSummary };
