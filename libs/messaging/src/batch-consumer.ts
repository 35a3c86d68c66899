import { Partitioners } from 'kafkajs';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { deadLetterTopic } from '@easi/contracts';
import { createLogger } from '@easi/logging';
import type { Logger } from '@easi/logging';
import { classifyDatabaseError, databaseErrorOf, writeIsolatingRefused } from './database-error';
import { deadLetterMessage } from './dead-letter';
import { ensureTopics } from './kafka';
import { decodeMessage, headersToRecord } from './message-handler';
import type { MessageHandler } from './message-handler';

/** One valid message of a batch, decoded and validated with the handler's schema. */
export type BatchItem<T> = { parsed: T; messageId: string; headers: Record<string, string>; offset: string };

export type BatchContext = {
  /** The transaction the offsets wait for: write through it. */
  manager: EntityManager;
  topic: string;
  partition: number;
  /** Offsets of the first and last item (a part of a slice while a refused message is isolated). */
  firstOffset: string;
  lastOffset: string;
};

/** What `handleBatch` reports back: how many of the items were already stored (redeliveries). */
export type BatchOutcome = { duplicates: number };

/**
 * How a batch consumer handles its topic: the schema and message id as for a per-message handler,
 * and one set-based call per batch. `handleBatch` must be idempotent on the message ids (a batch is
 * delivered again when the process dies between its commit and the offset commit); a message id
 * appears at most once in `items`.
 */
export type BatchHandler<T> = {
  schema: z.ZodType<T>;
  messageId(parsed: T, headers: Record<string, string>): string;
  handleBatch(items: readonly BatchItem<T>[], ctx: BatchContext): Promise<BatchOutcome>;
};

/** Infers the parsed type from the schema alone, as `defineHandler` does. */
export const defineBatchHandler = <T>(handler: {
  schema: z.ZodType<T>;
  messageId(parsed: NoInfer<T>, headers: Record<string, string>): string;
  handleBatch(items: readonly BatchItem<NoInfer<T>>[], ctx: BatchContext): Promise<BatchOutcome>;
}): BatchHandler<T> => handler;

export type BatchConsumerOptions<T> = {
  kafka: Kafka;
  dataSource: DataSource;
  groupId: string;
  topic: string;
  handler: BatchHandler<T>;
  logger?: Logger;
  /** Where a new group starts. Default true. */
  fromBeginning?: boolean;
  /** Partitions handled in parallel. Default 3. */
  partitionsConsumedConcurrently?: number;
  /**
   * Messages per `handleBatch` call and transaction. A fetched batch larger than this is cut into
   * slices; the next slice is decoded while the previous one is written. Default 2000.
   */
  maxBatchSize?: number;
  /** Tries of one slice (transaction and dead letters) before kafkajs is left to redeliver it. Default 3. */
  maxAttempts?: number;
  /** Wait before the first retry, doubled for each further one. Default 200 ms. */
  retryBackoffMs?: number;
  /** Create the topic and its dead-letter twin at start. Default true, with 3 partitions. */
  ensureTopics?: boolean;
  topicPartitions?: number;
  /** Longest idle fetch; also bounds how long stop() waits. Default 500 ms. */
  maxWaitTimeInMs?: number;
  /** Fetch sizes: large, so a backlog arrives in few round trips. Defaults 8 MiB and 32 MiB. */
  maxBytesPerPartition?: number;
  maxBytes?: number;
  /** See IdempotentConsumerOptions. Defaults 10 s and 30 s. */
  sessionTimeoutMs?: number;
  joinTimeoutMs?: number;
};

export type BatchConsumerStats = {
  /** Messages whose offsets are committed: processed + deadLettered. */
  received: number;
  /** Valid messages handed to handleBatch and committed, duplicates included. */
  processed: number;
  /** Of those, the ones handleBatch found already stored, plus repeats of a message id within a batch. */
  duplicates: number;
  /** Invalid messages and messages the database refused (see refusedByDatabase). */
  deadLettered: number;
  /** Of the dead letters, valid messages PostgreSQL refused as data (SQLSTATE class 22 or 23). */
  refusedByDatabase: number;
  /** Failed tries of a slice (rolled back or dead letters not acknowledged); each is retried. */
  failedBatches: number;
  /** When the first message arrived and when offsets were last committed. */
  firstBatchAt: string | null;
  /**
   * When the fetch that brought the first message was sent to the broker (the most recent fetch
   * request before it arrived): a consume rate counts the fetch too (throughput = received / span
   * from here to lastCommitAt).
   */
  firstFetchAt: string | null;
  lastCommitAt: string | null;
};

type Slice<T> = {
  items: BatchItem<T>[];
  /** The Kafka message of each item (same index), for a dead letter if the database refuses it. */
  sources: KafkaMessage[];
  repeats: number;
  dead: { message: KafkaMessage; reason: string }[];
  firstOffset: string;
  lastOffset: string;
};

/** Of a slice's valid items: how many were already stored, and how many the database refused (dead-lettered). */
type WriteOutcome = { duplicates: number; refused: number };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A consumer group that handles its topic a batch at a time: every message is decoded and
 * validated with the handler's schema, invalid ones go to the dead-letter topic with the reason
 * (the same headers as IdempotentConsumer), the valid ones go to one set-based `handleBatch` call
 * in a transaction, and offsets are committed only after that transaction committed and the dead
 * letters were acknowledged. A failed slice is retried with backoff, then left to kafkajs to
 * redeliver. A message that passes the schema but that PostgreSQL refuses as data (SQLSTATE class
 * 22 or 23) is not retried forever: it is isolated by halving the slice, dead-lettered with the
 * SQLSTATE and Postgres's message, and the rest of the slice is stored. No processed-message row
 * is written: the handler's own keys make a redelivery a no-op.
 */
export class BatchConsumer<T> {
  private readonly options: BatchConsumerOptions<T>;
  private readonly logger: Logger;
  private readonly decoder: MessageHandler<T>;
  private readonly maxBatchSize: number;
  private consumer: Consumer | undefined;
  private producer: Producer | undefined;
  private running = false;
  private readonly counters = { received: 0, processed: 0, duplicates: 0, deadLettered: 0, refusedByDatabase: 0, failedBatches: 0 };
  private firstBatchAt: Date | null = null;
  private firstFetchAt: Date | null = null;
  private lastFetchStartedAt: Date | null = null;
  private lastCommitAt: Date | null = null;

  constructor(options: BatchConsumerOptions<T>) {
    this.options = options;
    this.logger = (options.logger ?? createLogger('batch-consumer')).child({ context: 'BatchConsumer', groupId: options.groupId });
    this.maxBatchSize = Math.max(1, options.maxBatchSize ?? 2000);
    const { schema, messageId } = options.handler;
    // decodeMessage reads only the schema and the message id; items are handled a batch at a time.
    this.decoder = { schema, messageId, handle: () => Promise.reject(new Error('a batch handler handles batches only')) };
  }

  get stats(): BatchConsumerStats {
    return {
      ...this.counters,
      firstBatchAt: this.firstBatchAt?.toISOString() ?? null,
      firstFetchAt: this.firstFetchAt?.toISOString() ?? null,
      lastCommitAt: this.lastCommitAt?.toISOString() ?? null,
    };
  }

  isRunning(): boolean {
    return this.running;
  }

  /** Connects, subscribes and resolves once the group has been joined. */
  async start(): Promise<void> {
    if (this.running) return;
    const { kafka, groupId, topic } = this.options;
    if (this.options.ensureTopics ?? true) {
      await ensureTopics(kafka, [topic, deadLetterTopic(topic)], this.options.topicPartitions ?? 3);
    }
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    const consumer = kafka.consumer({
      groupId,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? 500,
      maxBytesPerPartition: this.options.maxBytesPerPartition ?? 8 * 1024 * 1024,
      maxBytes: this.options.maxBytes ?? 32 * 1024 * 1024,
      sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: 1000,
    });
    const joined = new Promise<void>((resolve) => {
      const off = consumer.on(consumer.events.GROUP_JOIN, () => {
        off();
        resolve();
      });
    });
    consumer.on(consumer.events.FETCH_START, () => {
      this.lastFetchStartedAt = new Date();
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.logger.error({ err: payload.error, restart: payload.restart }, 'consumer crashed');
      if (!payload.restart) this.running = false;
    });
    this.producer = producer;
    this.consumer = consumer;
    const partitions = this.options.partitionsConsumedConcurrently ?? 3;
    try {
      // One pooled connection per partition handled at once, opened now rather than by the first batches.
      await Promise.all(Array.from({ length: partitions }, () => this.options.dataSource.query('SELECT 1')));
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: this.options.fromBeginning ?? true });
      await consumer.run({
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: partitions,
        eachBatch: (payload) => this.handleFetched(payload),
      });
      this.running = true;
      await withTimeout(joined, this.options.joinTimeoutMs ?? 30_000, `joining consumer group ${groupId}`);
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Finishes the slice in hand, commits its offsets and leaves the group. */
  async stop(): Promise<void> {
    this.running = false;
    const { consumer, producer } = this;
    this.consumer = undefined;
    this.producer = undefined;
    await consumer?.disconnect();
    await producer?.disconnect();
  }

  private async handleFetched(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary } = payload;
    if (batch.messages.length === 0) return;
    if (this.firstBatchAt === null) {
      this.firstBatchAt = new Date();
      this.firstFetchAt = this.lastFetchStartedAt ?? this.firstBatchAt;
    }
    // Slice n+1 is decoded (CPU here) while slice n is written (work in Postgres); offsets are
    // resolved strictly in order, each after its own slice committed.
    let writing: Promise<void> | undefined;
    const done = { received: 0, processed: 0, duplicates: 0, deadLettered: 0, refusedByDatabase: 0 };
    for (let start = 0; start < batch.messages.length; start += this.maxBatchSize) {
      if (!isRunning() || isStale()) break;
      const decodeStart = performance.now();
      const slice = this.decode(batch.messages.slice(start, start + this.maxBatchSize));
      const decodeMs = performance.now() - decodeStart;
      await writing;
      if (!isRunning() || isStale()) {
        writing = undefined;
        break;
      }
      const writeStart = performance.now();
      writing = this.apply(batch.topic, batch.partition, slice, heartbeat, () => isRunning() && !isStale()).then(
        ({ duplicates, refused }) => {
          resolveOffset(slice.lastOffset);
          this.logger.debug(
            {
              partition: batch.partition,
              toOffset: slice.lastOffset,
              messages: slice.items.length + slice.repeats + slice.dead.length,
              decodeMs: Math.round(decodeMs),
              writeMs: Math.round(performance.now() - writeStart),
            },
            'slice committed',
          );
          done.received += slice.items.length + slice.repeats + slice.dead.length;
          done.processed += slice.items.length - refused + slice.repeats;
          done.duplicates += duplicates + slice.repeats;
          done.deadLettered += slice.dead.length + refused;
          done.refusedByDatabase += refused;
        },
      );
    }
    await writing;
    await commitOffsetsIfNecessary();
    // Counted once the offsets are committed, so `received` and `lastCommitAt` always agree.
    this.lastCommitAt = new Date();
    this.counters.received += done.received;
    this.counters.processed += done.processed;
    this.counters.duplicates += done.duplicates;
    this.counters.deadLettered += done.deadLettered;
    this.counters.refusedByDatabase += done.refusedByDatabase;
  }

  private decode(messages: KafkaMessage[]): Slice<T> {
    const items: BatchItem<T>[] = [];
    const sources: KafkaMessage[] = [];
    const dead: Slice<T>['dead'] = [];
    const seen = new Set<string>();
    let repeats = 0;
    for (const message of messages) {
      const headers = headersToRecord(message.headers);
      const decoded = decodeMessage(this.decoder, message.value, headers);
      if (!decoded.ok) {
        dead.push({ message, reason: decoded.reason });
      } else if (seen.has(decoded.messageId)) {
        repeats += 1;
      } else {
        seen.add(decoded.messageId);
        items.push({ parsed: decoded.parsed, messageId: decoded.messageId, headers, offset: message.offset });
        sources.push(message);
      }
    }
    return { items, sources, repeats, dead, firstOffset: messages[0]!.offset, lastOffset: messages[messages.length - 1]!.offset };
  }

  /**
   * Writes the slice and sends its dead letters (at the same time), retrying what failed. A write
   * the database refuses as data (see `classifyDatabaseError`) is not retried as a whole: the
   * refused messages are isolated and dead-lettered, the rest stored. Returns the duplicates and
   * how many were refused.
   */
  private async apply(
    topic: string,
    partition: number,
    slice: Slice<T>,
    heartbeat: () => Promise<void>,
    mayRetry: () => boolean,
  ): Promise<WriteOutcome> {
    const maxAttempts = Math.max(1, this.options.maxAttempts ?? 3);
    let outcome: WriteOutcome | undefined = slice.items.length === 0 ? { duplicates: 0, refused: 0 } : undefined;
    let deadLettered = slice.dead.length === 0;
    // Messages already isolated and dead-lettered: a retry after a transient error leaves them out
    // instead of refusing (and dead-lettering) them again.
    const refusedOffsets = new Set<string>();
    for (let attempt = 1; ; attempt += 1) {
      const lastTry = attempt >= maxAttempts || !mayRetry();
      const write =
        outcome !== undefined
          ? Promise.resolve()
          : this.writeRemaining(topic, partition, slice, refusedOffsets, lastTry).then((o) => void (outcome = o));
      const send = deadLettered ? Promise.resolve() : this.deadLetter(topic, partition, slice.dead).then(() => void (deadLettered = true));
      const [written, sent] = await Promise.allSettled([write, send]);
      if (written.status === 'fulfilled' && sent.status === 'fulfilled') return outcome ?? { duplicates: 0, refused: 0 };
      this.counters.failedBatches += 1;
      const error: unknown = written.status === 'rejected' ? written.reason : (sent as PromiseRejectedResult).reason;
      const last = attempt >= maxAttempts || !mayRetry();
      this.logger.error(
        {
          err: error,
          topic,
          partition,
          fromOffset: slice.firstOffset,
          toOffset: slice.lastOffset,
          attempt,
          committed: outcome !== undefined,
          deadLettered,
        },
        last ? 'handling a batch failed; kafkajs will deliver it again' : 'handling a batch failed; retrying',
      );
      if (last) throw error;
      await sleep((this.options.retryBackoffMs ?? 200) * 2 ** (attempt - 1));
      await heartbeat();
    }
  }

  /**
   * The slice's items not already refused on an earlier try, in one transaction; when the database
   * refuses it as data, the refused messages are isolated and dead-lettered (`writeIsolatingRefused`).
   * A unique violation counts as refused data only on the last try (`conflictIsPermanent`); any other
   * error is thrown for the retry above. `refused` counts the earlier tries' refusals too.
   */
  private async writeRemaining(
    topic: string,
    partition: number,
    slice: Slice<T>,
    refusedOffsets: Set<string>,
    conflictIsPermanent: boolean,
  ): Promise<WriteOutcome> {
    const keep = slice.items.map((item, i) => ({ item, source: slice.sources[i]! })).filter(({ item }) => !refusedOffsets.has(item.offset));
    const alreadyRefused = slice.items.length - keep.length;
    if (keep.length === 0) return { duplicates: 0, refused: alreadyRefused };
    const outcome = await writeIsolatingRefused(keep, {
      write: (part) =>
        this.write(
          topic,
          partition,
          part.map((p) => p.item),
        ),
      refuse: async ({ item, source }, reason) => {
        await this.deadLetter(topic, partition, [{ message: source, reason }]);
        refusedOffsets.add(item.offset);
      },
      isRefusal: (error) => {
        const kind = classifyDatabaseError(error);
        return kind === 'permanent' || (kind === 'conflict' && conflictIsPermanent);
      },
      onSplit: (part, error) =>
        this.logger.warn(
          {
            topic,
            partition,
            fromOffset: part[0]!.item.offset,
            toOffset: part[part.length - 1]!.item.offset,
            code: databaseErrorOf(error)?.code,
          },
          'the database refused a message of the slice; isolating it',
        ),
    });
    return { duplicates: outcome.counted, refused: outcome.refused + alreadyRefused };
  }

  private async write(topic: string, partition: number, items: BatchItem<T>[]): Promise<number> {
    const ctx = { topic, partition, firstOffset: items[0]!.offset, lastOffset: items[items.length - 1]!.offset };
    const outcome = await this.options.dataSource.transaction((manager) => this.options.handler.handleBatch(items, { ...ctx, manager }));
    return outcome.duplicates;
  }

  private async deadLetter(topic: string, partition: number, dead: Slice<T>['dead']): Promise<void> {
    const producer = this.producer;
    if (producer === undefined) throw new Error('consumer is stopping: dead letters not sent, the batch will be redelivered');
    await producer.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: dead.map(({ message, reason }) => deadLetterMessage(message, reason, { topic, partition, groupId: this.options.groupId })),
    });
    for (const { message, reason } of dead) {
      this.logger.warn({ topic, partition, offset: message.offset, reason: reason.slice(0, 300) }, 'message dead-lettered');
    }
  }
}

const withTimeout = async <R>(promise: Promise<R>, ms: number, what: string): Promise<R> => {
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
