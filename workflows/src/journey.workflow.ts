import {
  condition,
  defineSignal,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import {
  SEARCH_ATTRIBUTE_KEYS,
  TASK_QUEUES,
  journeyStateQuery,
  policeEventSignal,
  type JourneyInput,
  type JourneyStage,
  type JourneyState,
  type JourneyTrigger,
  type ReferralActivities,
} from '@easi/contracts';

const referral = proxyActivities<ReferralActivities>({
  taskQueue: TASK_QUEUES.referral,
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['BusinessRefusal'] },
});

/** Lets an operator end a journey that is waiting (the full set of exits arrives with the journey issue). */
export const closeJourneySignal = defineSignal<[{ reason: string; by: string }]>('closeJourney');

/**
 * The perpetrator journey: one per EASI episode, id `journey-<journeyRef>`.
 * This first slice covers detection → referral case → awaiting the triage clinic.
 */
export async function perpetratorJourney(input: JourneyInput): Promise<JourneyState> {
  const state: JourneyState = { journeyRef: input.journeyRef, stage: 'detected', timeline: [] };
  const seenEvents = new Set<string>([input.trigger.sourceEventId]);
  let closed = false;

  const record = (what: string, by = 'system'): void => {
    state.timeline.push({ at: new Date().toISOString(), stage: state.stage, what, by });
  };
  const enter = (stage: JourneyStage, awaitedQueue?: string): void => {
    state.stage = stage;
    upsertSearchAttributes([
      { key: SEARCH_ATTRIBUTE_KEYS.stage, value: stage },
      { key: SEARCH_ATTRIBUTE_KEYS.awaitedQueue, value: awaitedQueue ?? null },
    ]);
  };

  setHandler(journeyStateQuery, () => state);
  setHandler(policeEventSignal, (trigger: JourneyTrigger) => {
    if (seenEvents.has(trigger.sourceEventId)) return;
    seenEvents.add(trigger.sourceEventId);
    record(`New ${trigger.kind.replace('-', ' ')} received about this person (${trigger.offenceFamilies.join(', ')}).`);
  });
  setHandler(closeJourneySignal, ({ reason, by }) => {
    closed = true;
    record(`Journey closed: ${reason}`, by);
  });

  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTE_KEYS.policeArea, value: input.trigger.policeArea }]);
  record(
    `Detected from a ${input.trigger.kind.replace('-', ' ')} in ${input.trigger.policeArea} ` +
      `(${input.trigger.offenceFamilies.join(', ')}; suspect is the victim's ${input.trigger.relationshipToVictim}).`,
  );

  enter('screening');
  const referralCase = await referral.openReferralCase({
    journeyRef: input.journeyRef,
    policeArea: input.trigger.policeArea,
    personRef: input.trigger.personRef,
    victimRefs: input.trigger.victimRefs,
    relationshipToVictim: input.trigger.relationshipToVictim,
    sourceEventId: input.trigger.sourceEventId,
  });
  state.referralCaseRef = referralCase.caseRef;
  record(`Referral case ${referralCase.caseRef} opened; victim service notified to offer ISAC support.`);

  enter('awaiting-triage', 'triage-clinic');
  await condition(() => closed);
  enter('closed');
  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTE_KEYS.outcome, value: 'closed-by-operator' }]);
  return state;
}
