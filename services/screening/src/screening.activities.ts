import type { DailyScreeningActivities, ScreeningActivities, TaskActivities } from '@easi/contracts';
import { taskActivities, type TaskService } from '@easi/tasks';
import type { CustodyEventService } from './custody-events/custody-event.service';
import type { ScreeningRunService } from './daily-screening/screening-run.service';

/** The activities the screening service runs on task queue `screening`. */
export const screeningActivities = (
  custody: CustodyEventService,
  runs: ScreeningRunService,
  tasks: TaskService,
): ScreeningActivities & DailyScreeningActivities & TaskActivities => ({
  ...runs.activities(),
  ...taskActivities(tasks),
  async custodyHistory({ personRef }) {
    const events = await custody.findByPerson(personRef);
    return {
      personRef,
      events: events.map((e) => ({
        eventId: e.eventId,
        eventType: e.eventType,
        occurredAt: e.occurredAt,
        offenceFamilies: e.offenceFamilies,
      })),
    };
  },
});
