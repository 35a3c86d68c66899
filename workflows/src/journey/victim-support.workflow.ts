import { condition, getExternalWorkflowHandle, setHandler } from '@temporalio/workflow';
import { journeyClosedSignal, victimRiskSignal, type JourneyOutcome, type JourneyPolicy } from '@easi/contracts';
import { TaskBook } from './human-task';
import { ParentReport } from './progress';

export type VictimSupportInput = { journeyRef: string; parentWorkflowId: string; policy: JourneyPolicy; victimCount: number };
export type VictimSupportResult = { engagement: string; checkIns: number; risksRaised: number; journeyOutcome?: JourneyOutcome };

/**
 * Victim support, from the moment a victim is linked: ISAC contact, then safety check-ins while
 * the journey runs, then a satisfaction questionnaire. It runs beside the journey and can outlive
 * it (parent-close policy ABANDON). A new risk the ISAC raises is signalled to the journey; victim
 * details never leave the victim service, only that a risk was raised.
 */
export async function victimSupport(input: VictimSupportInput): Promise<VictimSupportResult> {
  const { policy, journeyRef } = input;
  const report = new ParentReport(input.parentWorkflowId);
  let journeyOutcome: JourneyOutcome | undefined;
  let risksRaised = 0;
  setHandler(journeyClosedSignal, ({ outcome }) => {
    journeyOutcome = outcome;
  });
  // Victim-side tasks stay in the victim service's inbox only: the journey hears about outcomes, not tasks.
  const tasks = new TaskBook({
    journeyRef,
    stage: () => (journeyOutcome ? 'closed' : 'victim-support'),
    riskLevel: () => 'n/a',
    escalationGrace: policy.escalationGrace,
    opened: () => undefined,
    closed: () => undefined,
  });
  const raiseRisk = async (by: string): Promise<void> => {
    risksRaised += 1;
    if (journeyOutcome) return;
    try {
      await getExternalWorkflowHandle(input.parentWorkflowId).signal(victimRiskSignal, {
        kind: 'new-risk',
        detail: 'The ISAC raised a new risk to the victim.',
        raisedBy: by,
      });
    } catch {
      // The journey closed meanwhile; the ISAC's own alert still went to police through the victim service.
    }
  };

  const contact = await tasks.ask({
    kind: 'isac-contact',
    queue: 'victim-service',
    title: `Contact the victim${input.victimCount > 1 ? 's' : ''} and offer ISAC support`,
    due: policy.victimContactDeadline,
    context: { victims: input.victimCount },
  });
  const engagement = contact?.decision.engagement ?? 'no-contact';
  await report.send({
    entry: {
      what: `Victim service: ${engagement === 'engaged' ? 'the victim engaged with ISAC support' : engagement === 'declined' ? 'the victim declined ISAC support' : 'no contact made with the victim'}.`,
      by: contact?.by ?? 'system',
    },
  });
  if (contact?.decision.newRisk) await raiseRisk(contact.by);

  let checkIns = 0;
  if (engagement === 'engaged') {
    while (checkIns < policy.maxVictimCheckIns && !journeyOutcome) {
      if (await condition(() => journeyOutcome !== undefined, policy.victimCheckInInterval)) break;
      const check = await tasks.ask({
        kind: 'safety-check-in',
        queue: 'victim-service',
        title: 'Safety check-in with the victim',
        due: policy.victimContactDeadline,
      });
      checkIns += 1;
      if (check?.decision.newRisk) await raiseRisk(check.by);
    }
    await condition(() => journeyOutcome !== undefined);
    await tasks.ask({
      kind: 'victim-satisfaction',
      queue: 'victim-service',
      title: 'Satisfaction questionnaire with the victim',
      due: policy.victimContactDeadline,
    });
  }
  await tasks.settled();
  return { engagement, checkIns, risksRaised, ...(journeyOutcome ? { journeyOutcome } : {}) };
}
