import { randomUUID } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import type { Kafka, Message, Producer } from 'kafkajs';
import { z } from 'zod';
import { deadLetterTopic, KAFKA_HEADERS } from '@easi/contracts';
import { createLogger } from '@easi/logging';
import { createTestSchema, randomSuffix } from '../test/test-schema';
import { createTestTopics, headerText, readMessages, testKafka, waitUntilCommittedPast } from '../test/test-kafka';
import { waitFor } from '../test/wait-for';
import { BatchConsumer, defineBatchHandler } from './batch-consumer';
import type { BatchConsumerOptions, BatchContext, BatchItem } from './batch-consumer';

jest.setTimeout(60_000);

const quiet = createLogger('batch-consumer-test', 'fatal');

const Ping = z.object({
  eventId: z.uuid(),
  journeyRef: z.string().min(3, 'must be at least 3 characters'),
  n: z.number().int(),
});
type Ping = z.infer<typeof Ping>;

const ping = (n: number, eventId: string = randomUUID()): Ping => ({ eventId, journeyRef: 'J-900', n });
// One key: every message lands on one partition, in order.
const asMessage = (value: unknown, headers: Record<string, string> = {}): Message => ({
  key: 'J-900',
  value: typeof value === 'string' ? value : JSON.stringify(value),
  headers,
});

describe('BatchConsumer (real Postgres and Kafka)', () => {
  let db: Awaited<ReturnType<typeof createTestSchema>>;
  let kafka: Kafka;
  let producer: Producer;
  let topics: Awaited<ReturnType<typeof createTestTopics>>;
  const consumers: BatchConsumer<Ping>[] = [];

  beforeAll(async () => {
    db = await createTestSchema('batch_consumer');
    kafka = testKafka();
    topics = await createTestTopics(kafka, ['dlq', 'dup', 'retry', 'redeliver', 'slices']);
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.stop()));
  });

  afterAll(async () => {
    await producer.disconnect();
    await topics.drop();
    await db.drop();
  });

  const received = async (topic: string): Promise<string[]> =>
    (
      (await db.dataSource.query(`SELECT message_id FROM "${db.schema}"."received" WHERE topic = $1 ORDER BY message_id`, [topic])) as {
        message_id: string;
      }[]
    ).map((r) => r.message_id);

  /** Set-based and idempotent on the message id, as a batch handler must be. */
  const store = async (items: readonly BatchItem<Ping>[], ctx: BatchContext): Promise<{ duplicates: number }> => {
    const inserted = (await ctx.manager.query(
      `INSERT INTO "${db.schema}"."received" (message_id, topic) SELECT id, $2 FROM unnest($1::text[]) AS id ON CONFLICT DO NOTHING RETURNING message_id`,
      [items.map((i) => i.messageId), ctx.topic],
    )) as unknown[];
    return { duplicates: items.length - inserted.length };
  };

  const startConsumer = async (
    topic: string,
    groupId: string,
    handleBatch = store,
    extra: Partial<BatchConsumerOptions<Ping>> = {},
  ): Promise<BatchConsumer<Ping>> => {
    const consumer = new BatchConsumer<Ping>({
      kafka: testKafka(),
      dataSource: db.dataSource,
      groupId,
      topic,
      logger: quiet,
      maxWaitTimeInMs: 200,
      retryBackoffMs: 20,
      handler: defineBatchHandler({ schema: Ping, messageId: (parsed) => parsed.eventId, handleBatch }),
      ...extra,
    });
    consumers.push(consumer);
    await consumer.start();
    return consumer;
  };

  it('should dead-letter bad JSON and invalid messages with the reason and store the valid ones of the batch', async () => {
    const [topic] = topics.topics as [string];
    const consumer = await startConsumer(topic, `g-dlq-${randomSuffix()}`);
    const good = [ping(1), ping(2)];
    await producer.send({
      topic,
      messages: [
        asMessage(good[0]),
        asMessage('{"journeyRef": "J-900", oops', { [KAFKA_HEADERS.eventType]: 'ping' }),
        asMessage({ eventId: 'not-a-uuid', journeyRef: 'J', n: 1.5 }),
        asMessage(good[1]),
      ],
    });
    await waitFor('two stored and two dead letters', () => consumer.stats.received === 4);
    expect(consumer.stats).toMatchObject({ received: 4, processed: 2, duplicates: 0, deadLettered: 2, failedBatches: 0 });
    // The consume window starts at the fetch that brought the first message, before it arrived and before the commit.
    const { firstFetchAt, firstBatchAt, lastCommitAt } = consumer.stats;
    expect(firstFetchAt).not.toBeNull();
    expect(Date.parse(firstFetchAt!)).toBeLessThanOrEqual(Date.parse(firstBatchAt!));
    expect(Date.parse(firstBatchAt!)).toBeLessThanOrEqual(Date.parse(lastCommitAt!));
    expect(await received(topic)).toEqual(good.map((g) => g.eventId).sort());

    const dead = await readMessages(kafka, deadLetterTopic(topic), 2);
    expect(dead).toHaveLength(2);
    const [badJson, invalid] = dead.sort(
      (a, b) =>
        Number(headerText(a.message, KAFKA_HEADERS.deadLetterSourceOffset)) -
        Number(headerText(b.message, KAFKA_HEADERS.deadLetterSourceOffset)),
    );
    expect(badJson!.message.value!.toString()).toBe('{"journeyRef": "J-900", oops');
    expect(badJson!.message.key!.toString()).toBe('J-900');
    expect(headerText(badJson!.message, KAFKA_HEADERS.deadLetterReason)).toMatch(/^value is not valid JSON/);
    expect(headerText(badJson!.message, KAFKA_HEADERS.eventType)).toBe('ping');
    expect(headerText(badJson!.message, KAFKA_HEADERS.deadLetterSourceTopic)).toBe(topic);
    expect(headerText(badJson!.message, KAFKA_HEADERS.deadLetterConsumerGroup)).toMatch(/^g-dlq-/);
    expect(headerText(badJson!.message, KAFKA_HEADERS.deadLetterSourcePartition)).toMatch(/^\d+$/);
    const reason = headerText(invalid!.message, KAFKA_HEADERS.deadLetterReason) ?? '';
    expect(reason).toMatch(/^schema validation failed: /);
    expect(reason).toContain('journeyRef: must be at least 3 characters');
  });

  it('should store a message once when it is delivered twice, in one batch or later', async () => {
    const [, topic] = topics.topics as [string, string];
    const calls: number[] = [];
    const consumer = await startConsumer(topic, `g-dup-${randomSuffix()}`, async (items, ctx) => {
      calls.push(items.length);
      return store(items, ctx);
    });
    const twice = ping(1);
    await producer.send({ topic, messages: [asMessage(twice), asMessage(twice)] });
    await waitFor('both copies', () => consumer.stats.received === 2);
    await producer.send({ topic, messages: [asMessage(twice)] });
    await waitFor('the redelivery', () => consumer.stats.received === 3);
    expect(consumer.stats).toMatchObject({ processed: 3, duplicates: 2, deadLettered: 0 });
    // A repeat within one batch never reaches the handler.
    expect(calls).toEqual([1, 1]);
    expect(await received(topic)).toEqual([twice.eventId]);
  });

  it('should retry a failed batch and commit its offsets once it succeeded', async () => {
    const [, , topic] = topics.topics as [string, string, string];
    const groupId = `g-retry-${randomSuffix()}`;
    let failuresLeft = 2;
    const flaky = async (items: readonly BatchItem<Ping>[], ctx: BatchContext): Promise<{ duplicates: number }> => {
      const outcome = await store(items, ctx);
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('database went away');
      }
      return outcome;
    };
    const first = await startConsumer(topic, groupId, flaky);
    const messages = [ping(1), ping(2), ping(3)];
    await producer.send({ topic, messages: messages.map((m) => asMessage(m)) });
    await waitFor('the batch to succeed on the third try', () => first.stats.received === 3);
    expect(first.stats).toMatchObject({ processed: 3, duplicates: 0, failedBatches: 2 });
    expect(await received(topic)).toEqual(messages.map((m) => m.eventId).sort());
    await first.stop();

    // The offsets were committed: a new member of the group sees only what came after.
    const second = await startConsumer(topic, groupId);
    const later = ping(4);
    await producer.send({ topic, messages: [asMessage(later)] });
    await waitFor('the later message', () => second.stats.received === 1);
    // Once the group has committed past a marker sent after it, a wrongly uncommitted batch would have come again.
    const marker = ping(5);
    await waitUntilCommittedPast(kafka, groupId, await producer.send({ topic, messages: [asMessage(marker)] }));
    expect(second.stats).toMatchObject({ received: 2, processed: 2, duplicates: 0 });
    expect(await received(topic)).toEqual([...messages, later, marker].map((m) => m.eventId).sort());
  });

  it('should leave a batch to be delivered again, uncommitted, when every try failed', async () => {
    const [, , , topic] = topics.topics as [string, string, string, string];
    let calls = 0;
    const failing = async (items: readonly BatchItem<Ping>[], ctx: BatchContext): Promise<{ duplicates: number }> => {
      calls += 1;
      await store(items, ctx);
      // The first two deliveries (two tries each) fail; the third delivery succeeds.
      if (calls <= 4) throw new Error('constraint violated');
      return store(items, ctx);
    };
    const consumer = await startConsumer(topic, `g-redeliver-${randomSuffix()}`, failing, { maxAttempts: 2 });
    const message = ping(1);
    await producer.send({ topic, messages: [asMessage(message)] });
    await waitFor('kafkajs to deliver the batch again', () => consumer.stats.received === 1, 45_000);
    expect(consumer.stats.failedBatches).toBe(4);
    expect(calls).toBe(5);
    expect(await received(topic)).toEqual([message.eventId]);
  });

  it('should cut a large batch into slices, each in order and committed after its transaction', async () => {
    const [, , , , topic] = topics.topics as [string, string, string, string, string];
    const groupId = `g-slices-${randomSuffix()}`;
    const seen: number[][] = [];
    const record = async (items: readonly BatchItem<Ping>[], ctx: BatchContext): Promise<{ duplicates: number }> => {
      seen.push(items.map((i) => i.parsed.n));
      return store(items, ctx);
    };
    const messages = Array.from({ length: 7 }, (_, n) => ping(n));
    // Published before the consumer joins, so they arrive in one fetch.
    await producer.send({ topic, messages: messages.map((m) => asMessage(m)) });
    const consumer = await startConsumer(topic, groupId, record, { maxBatchSize: 2 });
    await waitFor('all seven', () => consumer.stats.received === 7);
    expect(seen.flat()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Math.max(...seen.map((s) => s.length))).toBeLessThanOrEqual(2);
    await consumer.stop();
    const again = await startConsumer(topic, groupId, record);
    // Once the group has committed past a marker sent after the seven, any of them uncommitted would have come again.
    const marker = ping(7);
    await waitUntilCommittedPast(kafka, groupId, await producer.send({ topic, messages: [asMessage(marker)] }));
    expect(again.stats.received).toBe(1);
    expect(seen.flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
