import { Inject, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { Logger as PinoLogger } from '@easi/logging';
import { IdempotentConsumer, type HandlerTable, type IdempotentConsumerStats } from '@easi/messaging';
import { SERVICE_LOGGER } from './service-logger';

const RETRY_START_MS = 2000;

/**
 * Base for a service's Kafka consumer group: an idempotent consumer that dead-letters bad messages,
 * started with the app and retried while Kafka is unreachable, stopped cleanly on shutdown.
 */
export abstract class KafkaConsumerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  protected abstract readonly groupId: string;
  protected abstract handlers(): HandlerTable;

  private readonly logger = new Logger(this.constructor.name);
  /** The service's JSON logger, so the consumer's own lines carry the service name. */
  @Optional() @Inject(SERVICE_LOGGER) private readonly serviceLogger?: PinoLogger;
  private consumer?: IdempotentConsumer;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: Kafka,
  ) {}

  onApplicationBootstrap(): void {
    this.consumer = new IdempotentConsumer({
      kafka: this.kafka,
      dataSource: this.dataSource,
      groupId: this.groupId,
      handlers: this.handlers(),
      ...(this.serviceLogger ? { logger: this.serviceLogger } : {}),
    });
    this.tryStart();
  }

  get stats(): IdempotentConsumerStats | undefined {
    return this.consumer?.stats;
  }

  isRunning(): boolean {
    return this.consumer?.isRunning() ?? false;
  }

  private tryStart(): void {
    this.consumer?.start().catch(async (error: unknown) => {
      if (this.stopped) return;
      this.logger.warn(`consumer group ${this.groupId} cannot start yet (${String(error)}); retrying in ${RETRY_START_MS} ms`);
      await this.consumer?.stop().catch(() => undefined);
      this.retryTimer = setTimeout(() => this.tryStart(), RETRY_START_MS);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.consumer?.stop();
  }
}
