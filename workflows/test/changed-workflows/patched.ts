import { patched, sleep } from '@temporalio/workflow';
import type { JourneyInput, JourneyState } from '@easi/contracts';
import { perpetratorJourney as released } from '../../src/journey/journey.workflow';

export * from '../../src';

/** The same change done right: journeys already running take the old path, new ones the new. */
export async function perpetratorJourney(input: JourneyInput): Promise<JourneyState> {
  if (patched('pause-before-referral')) await sleep('1 second');
  return released(input);
}
