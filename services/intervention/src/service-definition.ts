import { SERVICE_SCHEMAS, TASK_QUEUES } from '@easi/contracts';
import { MESSAGING_ENTITIES } from '@easi/messaging';
import type { ServiceSchemaDefinition } from '@easi/service-kit';
import { InterventionEpisodeEntity } from './episodes/entities/intervention-episode.entity';
import { TASK_ENTITIES } from '@easi/tasks';
import { Initial1764100000000 } from './migrations/1764100000000-initial';
import { Journey1764300000000 } from './migrations/1764300000000-journey';
import { FactSessionEntity } from './sessions/entities/fact-session.entity';

export const serviceDefinition = {
  name: 'intervention',
  description: 'The psychology service: fACT intervention episodes and sessions. Never sees victim details.',
  defaultPort: 3003,
  schema: SERVICE_SCHEMAS.intervention,
  taskQueue: TASK_QUEUES.intervention,
  entities: [InterventionEpisodeEntity, FactSessionEntity, ...TASK_ENTITIES, ...MESSAGING_ENTITIES],
  migrations: [Initial1764100000000, Journey1764300000000],
} satisfies ServiceSchemaDefinition & Record<string, unknown>;
