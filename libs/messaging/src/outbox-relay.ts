import { Partitioners } from 'kafkajs';
import type { Kafka, Message, Producer, TopicMessages } from 'kafkajs';
import type { DataSource, QueryRunner } from 'typeorm';
import { KAFKA_HEADERS } from '@easi/contracts';
import { createLogger } from '@easi/logging';
import type { Logger } from '@easi/logging';
import { OutboxMessageEntity } from './entities/outbox-message.entity';
import { qualifiedTable } from './table-name';

export type OutboxRelayOptions = {
  dataSource: DataSource;
  kafka: Kafka;
  logger?: Logger;
  /** Rows claimed (and published) per transaction. Default 500. */
  batchSize?: number;
  /** Idle poll interval; `wake()` cuts it short. Default 250 ms. */
  pollIntervalMs?: number;
  /** Backoff after a failed publish: doubles from initialMs up to maxMs. Default 500 ms .. 30 s. */
  backoff?: { initialMs?: number; maxMs?: number };
};

export type OutboxRelayStats = { published: number; failedBatches: number };

type ClaimedRow = {
  id: string;
  topic: string;
  message_key: string;
  event_type: string;
  schema_version: number;
  correlation_id: string | null;
  payload: unknown;
};

const MAX_ERROR_LENGTH = 2000;

const errorText = (error: unknown): string =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, MAX_ERROR_LENGTH);

const toKafkaMessage = (row: ClaimedRow): Message => {
  const headers: Record<string, string> = {
    [KAFKA_HEADERS.eventId]: row.id,
    [KAFKA_HEADERS.eventType]: row.event_type,
    [KAFKA_HEADERS.schemaVersion]: String(row.schema_version),
  };
  if (row.correlation_id !== null) {
    headers[KAFKA_HEADERS.correlationId] = row.correlation_id;
  }
  return { key: row.message_key, value: JSON.stringify(row.payload), headers };
};

const groupByTopic = (rows: ClaimedRow[]): TopicMessages[] => {
  const byTopic = new Map<string, Message[]>();
  for (const row of rows) {
    byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), toKafkaMessage(row)]);
  }
  return [...byTopic.entries()].map(([topic, messages]) => ({ topic, messages }));
};

/**
 * Publishes outbox rows to Kafka. Each batch is claimed with `FOR UPDATE SKIP LOCKED` inside a
 * transaction that stays open until Kafka has acknowledged (acks=all, idempotent producer), so two
 * relays never publish the same row; a crash between acknowledgement and commit republishes the
 * batch, which consumers dedupe by event id. A failed publish is recorded on the rows (attempts,
 * last_error) and retried with backoff; rows are never dropped.
 */
export class OutboxRelay {
  private readonly dataSource: DataSource;
  private readonly kafka: Kafka;
  private readonly logger: Logger;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly backoffInitialMs: number;
  private readonly backoffMaxMs: number;
  private tableName: string | undefined;
  private producer: Producer | undefined;
  private producerReady: Promise<Producer> | undefined;
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeSleeper: (() => void) | undefined;
  private wakeRequested = false;
  private readonly counters: OutboxRelayStats = { published: 0, failedBatches: 0 };

  constructor(options: OutboxRelayOptions) {
    this.dataSource = options.dataSource;
    this.kafka = options.kafka;
    this.logger = (options.logger ?? createLogger('outbox-relay')).child({ context: 'OutboxRelay' });
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.backoffInitialMs = options.backoff?.initialMs ?? 500;
    this.backoffMaxMs = options.backoff?.maxMs ?? 30_000;
  }

  private get table(): string {
    this.tableName ??= qualifiedTable(this.dataSource, OutboxMessageEntity);
    return this.tableName;
  }

  get stats(): OutboxRelayStats {
    return { ...this.counters };
  }

  isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    if (this.running) {
      return;
    }
    await this.connectProducer();
    this.running = true;
    this.loop = this.runLoop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeSleeper?.();
    await this.loop;
    this.loop = undefined;
    const producer = this.producer;
    this.producer = undefined;
    this.producerReady = undefined;
    await producer?.disconnect();
  }

  /** Publish now rather than at the next poll: call after committing a transaction that wrote the outbox. */
  wake(): void {
    this.wakeRequested = true;
    this.wakeSleeper?.();
  }

  /** Publishes every unpublished row it can claim; returns how many it published. Throws if Kafka fails. */
  async drainOnce(): Promise<number> {
    const producer = await this.connectProducer();
    let total = 0;
    for (;;) {
      const published = await this.publishBatch(producer);
      total += published;
      if (published < this.batchSize) {
        return total;
      }
    }
  }

  private connectProducer(): Promise<Producer> {
    this.producerReady ??= (async () => {
      // kafkajs warns that bounded retries weaken its exactly-once guarantee. Delivery here is
      // at-least-once by design (consumers dedupe by event id); bounded retries let a failed batch
      // be recorded on its rows and retried with backoff instead of blocking forever.
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      try {
        await producer.connect();
      } catch (error) {
        this.producerReady = undefined;
        throw error;
      }
      this.producer = producer;
      return producer;
    })();
    return this.producerReady;
  }

  private async publishBatch(producer: Producer): Promise<number> {
    const queryRunner = this.dataSource.createQueryRunner();
    await queryRunner.connect();
    try {
      await queryRunner.startTransaction();
      const rows = (await queryRunner.query(
        `SELECT id, topic, message_key, event_type, schema_version, correlation_id, payload
           FROM ${this.table}
          WHERE published_at IS NULL
          ORDER BY seq
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      )) as ClaimedRow[];
      if (rows.length === 0) {
        await queryRunner.commitTransaction();
        return 0;
      }
      const ids = rows.map((row) => row.id);
      try {
        await producer.sendBatch({ topicMessages: groupByTopic(rows), acks: -1 });
      } catch (error) {
        await this.recordFailure(queryRunner, ids, error);
        throw error;
      }
      await queryRunner.query(`UPDATE ${this.table} SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1::uuid[])`, [ids]);
      await queryRunner.commitTransaction();
      this.counters.published += rows.length;
      return rows.length;
    } catch (error) {
      if (queryRunner.isTransactionActive) {
        await queryRunner.rollbackTransaction();
      }
      throw error;
    } finally {
      await queryRunner.release();
    }
  }

  private async recordFailure(queryRunner: QueryRunner, ids: string[], error: unknown): Promise<void> {
    this.counters.failedBatches += 1;
    this.logger.error({ err: error, rows: ids.length }, 'publishing outbox rows failed; will retry');
    await queryRunner.query(`UPDATE ${this.table} SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::uuid[])`, [
      ids,
      errorText(error),
    ]);
    await queryRunner.commitTransaction();
  }

  private async runLoop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      this.wakeRequested = false;
      let delay = this.pollIntervalMs;
      let wakeable = true;
      try {
        await this.drainOnce();
        failures = 0;
      } catch (error) {
        failures += 1;
        delay = Math.min(this.backoffInitialMs * 2 ** (failures - 1), this.backoffMaxMs);
        wakeable = false;
        if (failures === 1 || failures % 10 === 0) {
          this.logger.warn({ err: error, failures, retryInMs: delay }, 'outbox relay backing off');
        }
      }
      if (this.running && !(wakeable && this.wakeRequested)) {
        await this.sleep(delay, wakeable);
      }
    }
  }

  /** Sleeps for `ms`; stop() always interrupts, wake() only when `wakeable` (not during backoff). */
  private sleep(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeSleeper = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleeper = () => {
        if (wakeable || !this.running) {
          done();
        }
      };
    });
  }
}
