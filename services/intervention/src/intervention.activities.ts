import type { InterventionActivities, TaskActivities } from '@easi/contracts';
import { taskActivities, type TaskService } from '@easi/tasks';
import type { InterventionEpisodeService } from './episodes/intervention-episode.service';

/** The activities the intervention (psychology) service runs on task queue `intervention`. */
export const interventionActivities = (
  episodes: InterventionEpisodeService,
  tasks: TaskService,
): InterventionActivities & TaskActivities => ({
  openInterventionEpisode: (input) => episodes.open(input),
  recordSession: (input) => episodes.recordSession(input),
  closeInterventionEpisode: (input) => episodes.close(input),
  ...taskActivities(tasks),
});
