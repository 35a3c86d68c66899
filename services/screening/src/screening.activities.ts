import type { DailyScreeningActivities, ScreeningActivities } from '@easi/contracts';
import type { CustodyEventService } from './custody-events/custody-event.service';
import type { ScreeningRunService } from './daily-screening/screening-run.service';

/** The activities the screening service runs on task queue `screening`. */
export const screeningActivities = (custody: CustodyEventService, runs: ScreeningRunService): ScreeningActivities & DailyScreeningActivities => ({
  ...runs.activities(),
  async custodyHistory({ personRef }) {
    const events = await custody.findByPerson(personRef);
    return {
      personRef,
      events: events.map((e) => ({ eventId: e.eventId, eventType: e.eventType, occurredAt: e.occurredAt, offenceFamilies: e.offenceFamilies })),
    };
  },
});
