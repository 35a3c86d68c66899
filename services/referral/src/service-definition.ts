import { SERVICE_SCHEMAS, TASK_QUEUES } from '@easi/contracts';
import { MESSAGING_ENTITIES } from '@easi/messaging';
import type { ServiceSchemaDefinition } from '@easi/service-kit';
import { Initial1764100000000 } from './migrations/1764100000000-initial';
import { ReferralCaseEntity } from './referral-case/entities/referral-case.entity';

export const serviceDefinition = {
  name: 'referral',
  description: 'Police referral cases for EASI candidates: opened by the journey, notifying the victim service.',
  defaultPort: 3002,
  schema: SERVICE_SCHEMAS.referral,
  taskQueue: TASK_QUEUES.referral,
  entities: [ReferralCaseEntity, ...MESSAGING_ENTITIES],
  migrations: [Initial1764100000000],
} satisfies ServiceSchemaDefinition & Record<string, unknown>;
