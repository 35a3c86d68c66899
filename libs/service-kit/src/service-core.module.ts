import { Module, type DynamicModule, type InjectionToken, type ModuleMetadata } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Client } from '@temporalio/client';
import type { ServiceConfig } from '@easi/config';
import { AuthModule } from '@easi/auth';
import { createLogger } from '@easi/logging';
import { PersistenceModule, databaseHealth, type ClassType } from '@easi/persistence';
import {
  ActivityWorkerHost,
  ActivityWorkerModule,
  TEMPORAL_CLIENT,
  TemporalClientModule,
  temporalHealth,
  type ActivityImplementations,
} from '@easi/temporal';
import { HEALTH_CHECKS, HealthController, type HealthCheck } from './health.controller';
import { KafkaConnection, KafkaModule } from './kafka.module';
import { OutboxRelayHost } from './outbox-relay.host';
import { SERVICE_LOGGER } from './service-logger';

export type ServiceCoreOptions = {
  name: string;
  schema: string;
  taskQueue: string;
  entities: ClassType[];
  migrations: ClassType[];
  config: ServiceConfig;
  activities: {
    imports?: ModuleMetadata['imports'];
    inject: InjectionToken[];
    useFactory: (...deps: never[]) => ActivityImplementations;
  };
  /** Start the activity worker (default true). */
  worker?: boolean;
};

/**
 * What every EASI service process has: its Postgres schema, bearer-token auth on every route,
 * a Temporal client, its activity worker, Kafka, the outbox relay and a /health that is ready only
 * when all of them are.
 */
@Module({})
export class ServiceCoreModule {
  static forRoot(opts: ServiceCoreOptions): DynamicModule {
    const { config } = opts;
    const temporal = { address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE, payloadKeys: config.TEMPORAL_PAYLOAD_KEYS };
    return {
      module: ServiceCoreModule,
      global: true,
      imports: [
        PersistenceModule.forRoot({
          url: config.DATABASE_URL,
          schema: opts.schema,
          entities: opts.entities,
          migrations: opts.migrations,
          applicationName: `easi-${opts.name}`,
        }),
        AuthModule.forRoot({ jwksUrl: config.AUTH_JWKS_URL, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE }),
        TemporalClientModule.forRoot(temporal),
        ActivityWorkerModule.forRootAsync({ ...temporal, taskQueue: opts.taskQueue, enabled: opts.worker ?? true, ...opts.activities }),
        KafkaModule.forRoot({ brokers: config.KAFKA_BROKERS, clientId: `easi-${opts.name}` }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_LOGGER, useValue: createLogger(opts.name, config.LOG_LEVEL) },
        OutboxRelayHost,
        {
          provide: HEALTH_CHECKS,
          inject: [DataSource, TEMPORAL_CLIENT, ActivityWorkerHost, KafkaConnection],
          useFactory: (dataSource: DataSource, client: Client, worker: ActivityWorkerHost, kafka: KafkaConnection): HealthCheck[] => [
            { name: 'postgres', check: () => databaseHealth(dataSource) },
            { name: 'kafka', check: () => kafka.healthy() },
            { name: 'temporal', check: () => temporalHealth(client) },
            { name: 'activityWorker', check: async () => worker.isHealthy() },
          ],
        },
      ],
      exports: [KafkaModule, OutboxRelayHost, SERVICE_LOGGER],
    };
  }
}
