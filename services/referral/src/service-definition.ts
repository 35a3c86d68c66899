import { SERVICE_SCHEMAS, TASK_QUEUES } from '@easi/contracts';
import { MESSAGING_ENTITIES } from '@easi/messaging';
import type { ServiceSchemaDefinition } from '@easi/service-kit';
import { TASK_ENTITIES } from '@easi/tasks';
import { AlertEntity } from './alerts/entities/alert.entity';
import { Initial1764100000000 } from './migrations/1764100000000-initial';
import { Journey1764300000000 } from './migrations/1764300000000-journey';
import { ReferralCaseEntity } from './referral-case/entities/referral-case.entity';

export const serviceDefinition = {
  name: 'referral',
  description:
    'Police referral cases for EASI candidates, the EASI team / triage clinic / supervisors task inboxes, journey alerts and closure.',
  defaultPort: 3002,
  schema: SERVICE_SCHEMAS.referral,
  taskQueue: TASK_QUEUES.referral,
  entities: [ReferralCaseEntity, AlertEntity, ...TASK_ENTITIES, ...MESSAGING_ENTITIES],
  migrations: [Initial1764100000000, Journey1764300000000],
} satisfies ServiceSchemaDefinition & Record<string, unknown>;
