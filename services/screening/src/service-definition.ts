import { SERVICE_SCHEMAS, TASK_QUEUES } from '@easi/contracts';
import { MESSAGING_ENTITIES } from '@easi/messaging';
import type { ServiceSchemaDefinition } from '@easi/service-kit';
import { CustodyEventEntity } from './custody-events/entities/custody-event.entity';
import { Initial1764100000000 } from './migrations/1764100000000-initial';
import { CrimeScreening1764200000000 } from './migrations/1764200000000-crime-screening';
import { LeanIngestIndexes1764400000000 } from './migrations/1764400000000-lean-ingest-indexes';
import { Assessments1764500000000 } from './migrations/1764500000000-assessments';
import { EligibilityOverrides1764610000000 } from './migrations/1764610000000-eligibility-overrides';
import { BankHolidays1764620000000 } from './migrations/1764620000000-bank-holidays';
import { BankHolidaySource1764640000000 } from './migrations/1764640000000-bank-holiday-source';
import { RefCollationC1764660000000 } from './migrations/1764660000000-ref-collation-c';
import { AuditPersonRefs1764710000000 } from './migrations/1764710000000-audit-person-refs';
import { OffenceFamilyChanges1764720000000 } from './migrations/1764720000000-offence-family-changes';
import { OffenceFamilyRoles1764730000000 } from './migrations/1764730000000-offence-family-roles';
import { EligibilityTasks1764300000000 } from './eligibility/migrations/1764300000000-eligibility-tasks';
import { TASK_ENTITIES } from '@easi/tasks';

export const serviceDefinition = {
  name: 'screening',
  description: 'Custody events and crime reports in; detection, screening and eligibility; starts perpetrator journeys.',
  defaultPort: 3001,
  schema: SERVICE_SCHEMAS.screening,
  taskQueue: TASK_QUEUES.screening,
  entities: [CustodyEventEntity, ...TASK_ENTITIES, ...MESSAGING_ENTITIES],
  migrations: [
    Initial1764100000000,
    CrimeScreening1764200000000,
    EligibilityTasks1764300000000,
    LeanIngestIndexes1764400000000,
    Assessments1764500000000,
    EligibilityOverrides1764610000000,
    BankHolidays1764620000000,
    BankHolidaySource1764640000000,
    RefCollationC1764660000000,
    AuditPersonRefs1764710000000,
    OffenceFamilyChanges1764720000000,
    OffenceFamilyRoles1764730000000,
  ],
} satisfies ServiceSchemaDefinition & Record<string, unknown>;
