import { randomUUID } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import type { Kafka, Message, Producer } from 'kafkajs';
import { z } from 'zod';
import { deadLetterTopic, KAFKA_HEADERS } from '@easi/contracts';
import { createLogger, currentCorrelationId } from '@easi/logging';
import { createTestSchema, randomSuffix } from '../test/test-schema';
import { createTestTopics, headerText, readMessages, testKafka, waitUntilCommittedPast } from '../test/test-kafka';
import { waitFor } from '../test/wait-for';
import { IdempotentConsumer } from './idempotent-consumer';
import type { IdempotentConsumerOptions } from './idempotent-consumer';
import { defineHandler } from './message-handler';
import type { HandlerContext } from './message-handler';

jest.setTimeout(60_000);

const quiet = createLogger('consumer-test', 'fatal');

const Ping = z.object({
  eventId: z.uuid(),
  journeyRef: z.string().min(3, 'must be at least 3 characters'),
  n: z.number().int(),
});
type Ping = z.infer<typeof Ping>;

const ping = (n: number, eventId: string = randomUUID()): Ping => ({ eventId, journeyRef: 'J-900', n });
const asMessage = (value: unknown, headers: Record<string, string> = {}): Message => ({
  key: 'J-900',
  value: typeof value === 'string' ? value : JSON.stringify(value),
  headers,
});

describe('IdempotentConsumer (real Postgres and Kafka)', () => {
  let db: Awaited<ReturnType<typeof createTestSchema>>;
  let kafka: Kafka;
  let producer: Producer;
  let topics: Awaited<ReturnType<typeof createTestTopics>>;
  const consumers: IdempotentConsumer[] = [];

  beforeAll(async () => {
    db = await createTestSchema('idem_consumer');
    kafka = testKafka();
    topics = await createTestTopics(kafka, ['dlq', 'dup', 'transient', 'restart', 'corr']);
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

  const received = async (topic: string): Promise<{ message_id: string; correlation_id: string | null }[]> =>
    db.dataSource.query(`SELECT message_id, correlation_id FROM "${db.schema}"."received" WHERE topic = $1 ORDER BY message_id`, [topic]);

  const record = async (parsed: Ping, ctx: HandlerContext): Promise<void> => {
    await ctx.manager.query(`INSERT INTO "${db.schema}"."received" (message_id, topic, correlation_id) VALUES ($1, $2, $3)`, [
      parsed.eventId,
      ctx.topic,
      currentCorrelationId() ?? null,
    ]);
  };

  const startConsumer = async (topic: string, groupId: string, handle = record, extra: Partial<IdempotentConsumerOptions> = {}) => {
    const consumer = new IdempotentConsumer({
      kafka: testKafka(),
      dataSource: db.dataSource,
      groupId,
      logger: quiet,
      handlers: { [topic]: defineHandler({ schema: Ping, messageId: (parsed) => parsed.eventId, handle }) },
      ...extra,
    });
    consumers.push(consumer);
    await consumer.start();
    return consumer;
  };

  it('should dead-letter bad JSON and invalid messages with the reason and process the next good one', async () => {
    const [topic] = topics.topics as [string];
    const consumer = await startConsumer(topic, `g-dlq-${randomSuffix()}`);
    const good = ping(3);
    await producer.send({
      topic,
      messages: [
        asMessage('{"journeyRef": "J-900", oops', { [KAFKA_HEADERS.eventType]: 'ping' }),
        asMessage({ eventId: 'not-a-uuid', journeyRef: 'J', n: 1.5 }),
        asMessage(good),
      ],
    });
    await waitFor('the good message and two dead letters', () => consumer.stats.processed === 1 && consumer.stats.deadLettered === 2);
    expect((await received(topic)).map((r) => r.message_id)).toEqual([good.eventId]);

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
    expect(reason).toContain('eventId: ');
    expect(reason).toContain('journeyRef: must be at least 3 characters');
    expect(reason).toContain('n: ');
    expect(JSON.parse(invalid!.message.value!.toString())).toEqual({ eventId: 'not-a-uuid', journeyRef: 'J', n: 1.5 });
  });

  it('should handle a message once when it is delivered twice, in one batch or later', async () => {
    const [, topic] = topics.topics as [string, string];
    const consumer = await startConsumer(topic, `g-dup-${randomSuffix()}`);
    const twiceInOneBatch = ping(1);
    await producer.send({ topic, messages: [asMessage(twiceInOneBatch), asMessage(twiceInOneBatch)] });
    await waitFor('both copies', () => consumer.stats.processed + consumer.stats.duplicates === 2);
    const later = ping(2);
    await producer.send({ topic, messages: [asMessage(later)] });
    await waitFor('the first delivery', () => consumer.stats.processed === 2);
    await producer.send({ topic, messages: [asMessage(later)] });
    await waitFor('the redelivery', () => consumer.stats.duplicates === 2);
    expect(consumer.stats).toEqual({ processed: 2, duplicates: 2, deadLettered: 0, refusedByDatabase: 0, failedBatches: 0 });
    expect((await received(topic)).map((r) => r.message_id).sort()).toEqual([twiceInOneBatch.eventId, later.eventId].sort());
  });

  it('should roll back, redeliver and handle once when the handler fails transiently', async () => {
    const [, , topic] = topics.topics as [string, string, string];
    let failuresLeft = 2;
    const flaky = async (parsed: Ping, ctx: HandlerContext): Promise<void> => {
      await record(parsed, ctx);
      if (parsed.n === 7 && failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('database went away');
      }
    };
    const consumer = await startConsumer(topic, `g-transient-${randomSuffix()}`, flaky);
    const first = ping(6);
    const failing = ping(7);
    await producer.send({ topic, messages: [asMessage(first), asMessage(failing)] });
    await waitFor('the failing message to succeed on redelivery', () => consumer.stats.processed === 2);
    expect(consumer.stats.failedBatches).toBe(2);
    expect((await received(topic)).map((r) => r.message_id).sort()).toEqual([first.eventId, failing.eventId].sort());
    const [{ count }] = (await db.dataSource.query(
      `SELECT count(*)::int AS count FROM "${db.schema}"."processed_message" WHERE topic = $1`,
      [topic],
    )) as [{ count: number }];
    expect(count).toBe(2);
  });

  it('should process a message published while stopped exactly once when a new instance joins the same group', async () => {
    const [, , , topic] = topics.topics as [string, string, string, string];
    const groupId = `g-restart-${randomSuffix()}`;
    const first = await startConsumer(topic, groupId);
    const before = ping(10);
    await producer.send({ topic, messages: [asMessage(before)] });
    await waitFor('the first message', () => first.stats.processed === 1);
    await first.stop();
    expect(first.isRunning()).toBe(false);

    const meanwhile = ping(11);
    await producer.send({ topic, messages: [asMessage(meanwhile)] });
    const second = await startConsumer(topic, groupId);
    expect(second.isRunning()).toBe(true);
    await waitFor('the message published meanwhile', () => second.stats.processed === 1);
    // Once the group has committed past a marker sent after it, a wrongly uncommitted offset would have shown up as a redelivery.
    const marker = ping(12);
    await waitUntilCommittedPast(kafka, groupId, await producer.send({ topic, messages: [asMessage(marker)] }));
    expect(second.stats).toEqual({ processed: 2, duplicates: 0, deadLettered: 0, refusedByDatabase: 0, failedBatches: 0 });
    expect((await received(topic)).map((r) => r.message_id).sort()).toEqual([before.eventId, meanwhile.eventId, marker.eventId].sort());
  });

  it('should run the handler under the message correlation id when the header is present', async () => {
    const [, , , , topic] = topics.topics as [string, string, string, string, string];
    const consumer = await startConsumer(topic, `g-corr-${randomSuffix()}`);
    const withId = ping(20);
    const withoutId = ping(21);
    await producer.send({ topic, messages: [asMessage(withId, { [KAFKA_HEADERS.correlationId]: 'corr-kafka-1' }), asMessage(withoutId)] });
    await waitFor('both messages', () => consumer.stats.processed === 2);
    const rows = await received(topic);
    expect(rows.find((r) => r.message_id === withId.eventId)?.correlation_id).toBe('corr-kafka-1');
    expect(rows.find((r) => r.message_id === withoutId.eventId)?.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
