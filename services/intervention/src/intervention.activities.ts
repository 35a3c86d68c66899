import type { InterventionActivities } from '@easi/contracts';
import type { InterventionEpisodeService } from './episodes/intervention-episode.service';

/** The activities the intervention (psychology) service runs on task queue `intervention`. */
export const interventionActivities = (episodes: InterventionEpisodeService): InterventionActivities => ({
  openInterventionEpisode: (input) => episodes.open(input),
});
