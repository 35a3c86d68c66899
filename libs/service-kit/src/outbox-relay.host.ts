import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import type { Logger as PinoLogger } from '@easi/logging';
import { OutboxRelay } from '@easi/messaging';
import { SERVICE_LOGGER } from './service-logger';
import { KAFKA } from './kafka.module';

const RETRY_START_MS = 2000;

/**
 * Runs the service's outbox relay for the life of the app. Kafka being down at boot does not stop
 * the service: rows wait in the outbox and the relay keeps trying to connect.
 */
@Injectable()
export class OutboxRelayHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  readonly relay: OutboxRelay;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;

  constructor(dataSource: DataSource, @Inject(KAFKA) kafka: Kafka, @Optional() @Inject(SERVICE_LOGGER) logger?: PinoLogger) {
    this.relay = new OutboxRelay({ dataSource, kafka, ...(logger ? { logger } : {}) });
  }

  onApplicationBootstrap(): void {
    this.tryStart();
  }

  /** Call after committing a transaction that wrote the outbox, to publish without waiting for the poll. */
  wake(): void {
    this.relay.wake();
  }

  private tryStart(): void {
    this.relay.start().catch((error: unknown) => {
      if (this.stopped) return;
      this.logger.warn(`relay cannot reach Kafka yet (${String(error)}); retrying in ${RETRY_START_MS} ms`);
      this.retryTimer = setTimeout(() => this.tryStart(), RETRY_START_MS);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.relay.stop();
  }
}
