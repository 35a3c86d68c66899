import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { createKafka } from '@easi/messaging';

export const KAFKA = Symbol('KAFKA');

/** Holds one admin connection for health checks; producers and consumers make their own. */
@Injectable()
export class KafkaConnection implements OnApplicationShutdown {
  private admin?: Admin;

  constructor(@Inject(KAFKA) readonly kafka: Kafka) {}

  async healthy(): Promise<boolean> {
    try {
      if (!this.admin) {
        this.admin = this.kafka.admin();
        await this.admin.connect();
      }
      await this.admin.describeCluster();
      return true;
    } catch {
      await this.admin?.disconnect().catch(() => undefined);
      this.admin = undefined;
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }
}

@Global()
@Module({})
export class KafkaModule {
  static forRoot(opts: { brokers: string[]; clientId: string }): DynamicModule {
    return {
      module: KafkaModule,
      providers: [{ provide: KAFKA, useFactory: () => createKafka(opts) }, KafkaConnection],
      exports: [KAFKA, KafkaConnection],
    };
  }
}
