import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Partitioners, type Consumer, type EachBatchPayload, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import { CrimeReportV1, deadLetterTopic, KAFKA_HEADERS, TOPICS } from '@easi/contracts';
import { decodeMessage, defineHandler, ensureTopics, headersToRecord } from '@easi/messaging';
import { KAFKA } from '@easi/service-kit';
import { CrimeReportService } from './crime-report.service';

export type CrimeReportConsumerStats = {
  received: number;
  stored: number;
  duplicates: number;
  deadLettered: number;
  failedBatches: number;
  /** When the first batch arrived and the last was committed (throughput = received / span). */
  firstBatchAt: string | null;
  lastCommitAt: string | null;
};

const RETRY_START_MS = 2000;
const MAX_REASON_LENGTH = 1000;

/** Decoding only: the handler's `handle` is never called, storage is set-based per batch. */
const crimeReportDecoder = defineHandler<CrimeReportV1>({
  schema: CrimeReportV1,
  messageId: (report) => `${report.reportRef}@v${report.version}`,
  handle: () => Promise.resolve(),
});

/**
 * Crime reports from the force's crime recording system. Unlike the per-message idempotent
 * consumer, a whole fetched batch is validated and stored with one set-based INSERT: the natural
 * key (report ref, version) makes redelivery a no-op, so no processed-message row is needed.
 * Invalid messages go to the dead-letter topic with the reason; offsets are committed only after
 * the batch's rows are committed and its dead letters acknowledged.
 */
@Injectable()
export class CrimeReportConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly groupId = 'easi-screening.crime-reports';
  private readonly logger = new Logger(CrimeReportConsumer.name);
  private consumer?: Consumer;
  private producer?: Producer;
  private stopped = false;
  private running = false;
  private retryTimer?: NodeJS.Timeout;
  private readonly counters = { received: 0, stored: 0, duplicates: 0, deadLettered: 0, failedBatches: 0 };
  private firstBatchAt: Date | null = null;
  private lastCommitAt: Date | null = null;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly service: CrimeReportService,
  ) {}

  get stats(): CrimeReportConsumerStats {
    return { ...this.counters, firstBatchAt: this.firstBatchAt?.toISOString() ?? null, lastCommitAt: this.lastCommitAt?.toISOString() ?? null };
  }

  isRunning(): boolean {
    return this.running;
  }

  onApplicationBootstrap(): void {
    this.tryStart();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.stop();
  }

  private tryStart(): void {
    this.start().catch(async (error: unknown) => {
      if (this.stopped) return;
      this.logger.warn(`consumer group ${this.groupId} cannot start yet (${String(error)}); retrying in ${RETRY_START_MS} ms`);
      await this.stop().catch(() => undefined);
      this.retryTimer = setTimeout(() => this.tryStart(), RETRY_START_MS);
    });
  }

  private async start(): Promise<void> {
    const topic = TOPICS.crimeReports;
    await ensureTopics(this.kafka, [topic, deadLetterTopic(topic)], 3);
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    this.consumer = this.kafka.consumer({ groupId: this.groupId, maxWaitTimeInMs: 500, maxBytesPerPartition: 8 * 1024 * 1024, maxBytes: 32 * 1024 * 1024 });
    const consumer = this.consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.logger.error(`consumer crashed: ${String(payload.error)} (restart: ${String(payload.restart)})`);
      if (!payload.restart) this.running = false;
    });
    await this.producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachBatchAutoResolve: false, partitionsConsumedConcurrently: 3, eachBatch: (payload) => this.handleBatch(payload) });
    this.running = true;
  }

  private async stop(): Promise<void> {
    this.running = false;
    const { consumer, producer } = this;
    this.consumer = undefined;
    this.producer = undefined;
    await consumer?.disconnect();
    await producer?.disconnect();
  }

  private async handleBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isStale }: EachBatchPayload): Promise<void> {
    if (batch.messages.length === 0 || isStale()) return;
    this.firstBatchAt ??= new Date();
    const valid: CrimeReportV1[] = [];
    const dead: { message: KafkaMessage; reason: string }[] = [];
    for (const message of batch.messages) {
      const decoded = decodeMessage(crimeReportDecoder, message.value, headersToRecord(message.headers));
      if (decoded.ok) valid.push(decoded.parsed);
      else dead.push({ message, reason: decoded.reason });
    }
    try {
      const result = await this.service.ingest(valid, 'kafka');
      await this.deadLetter(batch.topic, batch.partition, dead);
      this.counters.stored += result.stored;
      this.counters.duplicates += result.duplicates;
    } catch (error) {
      this.counters.failedBatches += 1;
      this.logger.error(`storing crime reports from ${batch.topic}[${batch.partition}] failed; the batch will be redelivered: ${String(error)}`);
      throw error;
    }
    this.counters.received += batch.messages.length;
    resolveOffset(batch.lastOffset());
    await heartbeat();
    await commitOffsetsIfNecessary();
    this.lastCommitAt = new Date();
  }

  private async deadLetter(topic: string, partition: number, dead: readonly { message: KafkaMessage; reason: string }[]): Promise<void> {
    if (dead.length === 0) return;
    const producer = this.producer;
    if (!producer) throw new Error('consumer is stopping: dead letters not sent, the batch will be redelivered');
    await producer.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: dead.map(({ message, reason }) => ({
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          [KAFKA_HEADERS.deadLetterReason]: reason.slice(0, MAX_REASON_LENGTH),
          [KAFKA_HEADERS.deadLetterSourceTopic]: topic,
          [KAFKA_HEADERS.deadLetterSourcePartition]: String(partition),
          [KAFKA_HEADERS.deadLetterSourceOffset]: message.offset,
          [KAFKA_HEADERS.deadLetterConsumerGroup]: this.groupId,
        },
      })),
    });
    this.counters.deadLettered += dead.length;
    for (const { message, reason } of dead) this.logger.warn(`crime report dead-lettered from ${topic}[${partition}]@${message.offset}: ${reason.slice(0, 300)}`);
  }
}
