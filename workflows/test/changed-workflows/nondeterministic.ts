import { sleep } from '@temporalio/workflow';
import type { JourneyInput, JourneyState } from '@easi/contracts';
import { perpetratorJourney as released } from '../../src/journey/journey.workflow';

export * from '../../src';

/** A careless in-flight change: a new timer before the journey starts its work. Replay must reject it. */
export async function perpetratorJourney(input: JourneyInput): Promise<JourneyState> {
  await sleep('1 second');
  return released(input);
}
