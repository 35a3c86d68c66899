import { Partitioners } from 'kafkajs';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { deadLetterTopic, KAFKA_HEADERS } from '@easi/contracts';
import { createLogger, isSafeCorrelationId, newCorrelationId, runWithCorrelation } from '@easi/logging';
import type { Logger } from '@easi/logging';
import { PROCESSED_MESSAGE_UNIQUE, ProcessedMessageEntity } from './entities/processed-message.entity';
import { classifyDatabaseError, writeIsolatingRefused } from './database-error';
import { MAX_DEAD_LETTER_REASON_LENGTH, deadLetterMessage } from './dead-letter';
import { ensureTopics } from './kafka';
import { qualifiedTable } from './table-name';
import { decodeMessage, headersToRecord } from './message-handler';
import type { HandlerTable, MessageHandler } from './message-handler';

export type IdempotentConsumerOptions = {
  kafka: Kafka;
  dataSource: DataSource;
  groupId: string;
  handlers: HandlerTable;
  logger?: Logger;
  /** Where a new group starts. Default true: a consumer deployed late still sees earlier events. */
  fromBeginning?: boolean;
  /** Partitions handled in parallel, each in its own transactions. Default 3. */
  partitionsConsumedConcurrently?: number;
  /** Messages committed per database transaction. Default 100. */
  maxTransactionSize?: number;
  /** Create the handled topics and their dead-letter twins at start. Default true, with 3 partitions. */
  ensureTopics?: boolean;
  topicPartitions?: number;
  /** Longest idle fetch; also bounds how long stop() waits. Default 1000 ms. */
  maxWaitTimeInMs?: number;
  /**
   * How long the group waits for a member that stopped heart-beating before giving its partitions
   * to others. Default 10 s (kafkajs: 30 s), so a crashed process's replacement resumes quickly.
   */
  sessionTimeoutMs?: number;
  /** How long start() waits for the group join. Default 30 s. */
  joinTimeoutMs?: number;
};

export type IdempotentConsumerStats = {
  processed: number;
  duplicates: number;
  /** Invalid messages and messages the database refused (see refusedByDatabase). */
  deadLettered: number;
  /** Of the dead letters, valid messages PostgreSQL refused as data (SQLSTATE class 22, or 23 other than 23505). */
  refusedByDatabase: number;
  /** Transactions rolled back because a handler or the database failed; kafkajs redelivers them. */
  failedBatches: number;
};

type Pending = { parsed: unknown; messageId: string; headers: Record<string, string>; offset: string; message: KafkaMessage };

const withTimeout = async <T>(promise: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * A consumer group whose handlers run at most once per message id (processed_message) in the same
 * transaction as their writes; offsets are committed only after that transaction. Messages that
 * cannot be parsed or validated go to the topic's dead-letter twin with the reason, and the group
 * moves on; so do valid messages PostgreSQL refuses as data (isolated from the rest of their
 * transaction, see applyIsolating). A handler that throws anything else rolls its transaction back
 * and kafkajs redelivers.
 */
export class IdempotentConsumer {
  private readonly options: IdempotentConsumerOptions;
  private readonly logger: Logger;
  private tableName: string | undefined;
  private readonly maxTransactionSize: number;
  private consumer: Consumer | undefined;
  private producer: Producer | undefined;
  private running = false;
  private readonly counters: IdempotentConsumerStats = {
    processed: 0,
    duplicates: 0,
    deadLettered: 0,
    refusedByDatabase: 0,
    failedBatches: 0,
  };

  constructor(options: IdempotentConsumerOptions) {
    this.options = options;
    this.logger = (options.logger ?? createLogger('idempotent-consumer')).child({
      context: 'IdempotentConsumer',
      groupId: options.groupId,
    });
    this.maxTransactionSize = options.maxTransactionSize ?? 100;
  }

  private get table(): string {
    this.tableName ??= qualifiedTable(this.options.dataSource, ProcessedMessageEntity);
    return this.tableName;
  }

  get stats(): IdempotentConsumerStats {
    return { ...this.counters };
  }

  isRunning(): boolean {
    return this.running;
  }

  /** Connects, subscribes and resolves once the group has been joined. */
  async start(): Promise<void> {
    if (this.running) {
      return;
    }
    const { kafka, groupId, handlers } = this.options;
    const topics = Object.keys(handlers);
    if (this.options.ensureTopics ?? true) {
      await ensureTopics(kafka, [...topics, ...topics.map(deadLetterTopic)], this.options.topicPartitions ?? 3);
    }
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    const consumer = kafka.consumer({
      groupId,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? 1000,
      sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: 1000,
    });
    const joined = new Promise<void>((resolve) => {
      const off = consumer.on(consumer.events.GROUP_JOIN, () => {
        off();
        resolve();
      });
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.logger.error({ err: payload.error, restart: payload.restart }, 'consumer crashed');
      if (!payload.restart) {
        this.running = false;
      }
    });
    this.producer = producer;
    this.consumer = consumer;
    try {
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true });
      await consumer.run({
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
        eachBatch: (payload) => this.handleBatch(payload),
      });
      this.running = true;
      await withTimeout(joined, this.options.joinTimeoutMs ?? 30_000, `joining consumer group ${groupId}`);
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Finishes the batch in hand, commits its offsets and leaves the group. */
  async stop(): Promise<void> {
    this.running = false;
    const { consumer, producer } = this;
    this.consumer = undefined;
    this.producer = undefined;
    await consumer?.disconnect();
    await producer?.disconnect();
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary } = payload;
    const handler = this.options.handlers[batch.topic];
    if (handler === undefined) {
      throw new Error(`no handler for subscribed topic ${batch.topic}`);
    }
    let pending: Pending[] = [];
    // Offsets are resolved strictly in order: a dead letter's offset only after the valid
    // messages before it are committed in the database, or a failure could skip them.
    const flush = async (): Promise<void> => {
      if (pending.length === 0) {
        return;
      }
      const chunk = pending;
      pending = [];
      await this.applyChunk(handler, batch.topic, batch.partition, chunk);
      resolveOffset(chunk[chunk.length - 1]!.offset);
      await heartbeat();
    };
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) {
        break;
      }
      const headers = headersToRecord(message.headers);
      const decoded = decodeMessage(handler, message.value, headers);
      if (!decoded.ok) {
        await flush();
        await this.deadLetter(batch.topic, batch.partition, message, decoded.reason);
        resolveOffset(message.offset);
        continue;
      }
      pending.push({ parsed: decoded.parsed, messageId: decoded.messageId, headers, offset: message.offset, message });
      if (pending.length >= this.maxTransactionSize) {
        await flush();
      }
    }
    // After a rebalance the partition may belong to another member: leave the rest to it.
    if (!isStale()) {
      await flush();
    }
    await commitOffsetsIfNecessary();
  }

  private async applyChunk(handler: MessageHandler<unknown>, topic: string, partition: number, chunk: Pending[]): Promise<void> {
    const firstById = new Map<string, Pending>();
    for (const item of chunk) {
      if (!firstById.has(item.messageId)) {
        firstById.set(item.messageId, item);
      }
    }
    const unique = [...firstById.values()];
    let outcome: { processed: number; refused: number };
    try {
      outcome = await this.applyIsolating(handler, topic, partition, unique);
    } catch (error) {
      this.counters.failedBatches += 1;
      this.logger.error(
        { err: error, topic, partition, fromOffset: chunk[0]!.offset, toOffset: chunk[chunk.length - 1]!.offset },
        'handling messages failed; they will be redelivered',
      );
      throw error;
    }
    this.counters.processed += outcome.processed;
    this.counters.duplicates += chunk.length - outcome.processed - outcome.refused;
  }

  /**
   * The items in one transaction; when PostgreSQL refuses it as data (SQLSTATE class 22, or 23
   * other than a unique violation), the refused messages are isolated and dead-lettered instead of
   * being redelivered forever (`writeIsolatingRefused`). Other errors roll back and are thrown, so
   * kafkajs redelivers as before.
   */
  private async applyIsolating(
    handler: MessageHandler<unknown>,
    topic: string,
    partition: number,
    items: Pending[],
  ): Promise<{ processed: number; refused: number }> {
    const outcome = await writeIsolatingRefused(items, {
      write: (part) => this.runInTransaction(handler, topic, partition, part),
      refuse: async (item, reason) => {
        await this.deadLetter(topic, partition, item.message, reason);
        this.counters.refusedByDatabase += 1;
      },
      isRefusal: (error) => classifyDatabaseError(error) === 'permanent',
    });
    return { processed: outcome.counted, refused: outcome.refused };
  }

  /** Records the message ids as processed and runs the handler for the new ones, in one transaction; returns how many were new. */
  private async runInTransaction(handler: MessageHandler<unknown>, topic: string, partition: number, unique: Pending[]): Promise<number> {
    let processed = 0;
    await this.options.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(
        `INSERT INTO ${this.table} (consumer_group, message_id, topic, "partition", "offset")
         SELECT $1, m.id, $2, $3, m.off FROM unnest($4::varchar[], $5::bigint[]) AS m(id, off)
         ON CONFLICT ON CONSTRAINT "${PROCESSED_MESSAGE_UNIQUE}" DO NOTHING
         RETURNING message_id`,
        [this.options.groupId, topic, partition, unique.map((u) => u.messageId), unique.map((u) => u.offset)],
      )) as { message_id: string }[];
      const fresh = new Set(inserted.map((row) => row.message_id));
      for (const item of unique) {
        if (!fresh.has(item.messageId)) {
          continue;
        }
        const header = item.headers[KAFKA_HEADERS.correlationId];
        const correlationId = isSafeCorrelationId(header) ? header : undefined;
        const ctx = { manager, headers: item.headers, topic, partition, offset: item.offset, correlationId };
        await runWithCorrelation(correlationId ?? newCorrelationId(), () => handler.handle(item.parsed, ctx));
        processed += 1;
      }
    });
    return processed;
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, reason: string): Promise<void> {
    const producer = this.producer;
    if (producer === undefined) {
      throw new Error('consumer is stopping: dead letter not sent, the message will be redelivered');
    }
    const letter = deadLetterMessage(message, reason, { topic, partition, groupId: this.options.groupId });
    await producer.send({ topic: deadLetterTopic(topic), acks: -1, messages: [letter] });
    this.counters.deadLettered += 1;
    this.logger.warn(
      { topic, partition, offset: message.offset, reason: reason.slice(0, MAX_DEAD_LETTER_REASON_LENGTH) },
      'message dead-lettered',
    );
  }
}
