import { SERVICE_SCHEMAS, TASK_QUEUES } from '@easi/contracts';
import { MESSAGING_ENTITIES } from '@easi/messaging';
import type { ServiceSchemaDefinition } from '@easi/service-kit';
import { IsacReferralEntity } from './isac-referrals/entities/isac-referral.entity';
import { TASK_ENTITIES } from '@easi/tasks';
import { Initial1764100000000 } from './migrations/1764100000000-initial';
import { Journey1764300000000 } from './migrations/1764300000000-journey';

export const serviceDefinition = {
  name: 'victim-support',
  description: 'The victim service (ISAC): referrals, contact, safety planning. Victim details stay here.',
  defaultPort: 3004,
  schema: SERVICE_SCHEMAS['victim-support'],
  taskQueue: TASK_QUEUES.victimSupport,
  entities: [IsacReferralEntity, ...TASK_ENTITIES, ...MESSAGING_ENTITIES],
  migrations: [Initial1764100000000, Journey1764300000000],
} satisfies ServiceSchemaDefinition & Record<string, unknown>;
