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
import type { BatchContext, BatchItem } from './batch-consumer';
import { IdempotentConsumer } from './idempotent-consumer';
import { defineHandler } from './message-handler';
import type { HandlerContext } from './message-handler';

jest.setTimeout(90_000);

const quiet = createLogger('poison-message-test', 'fatal');

/** Deliberately looser than the table: the schema lets through what Postgres refuses. */
const Row = z.object({ eventId: z.uuid(), n: z.number().int(), note: z.string() });
type Row = z.infer<typeof Row>;

const row = (n: number, note = `note ${n}`): Row => ({ eventId: randomUUID(), n, note });
const asMessage = (value: Row): Message => ({ key: 'one-partition', value: JSON.stringify(value) });
const TOO_BIG = 3_000_000_000;
const NUL_NOTE = 'secret narrative\u0000with a NUL';

describe('messages the database refuses (real Postgres and Kafka)', () => {
  let db: Awaited<ReturnType<typeof createTestSchema>>;
  let kafka: Kafka;
  let producer: Producer;
  let topics: Awaited<ReturnType<typeof createTestTopics>>;
  const stoppers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    db = await createTestSchema('poison');
    await db.dataSource.query(
      `CREATE TABLE "${db.schema}"."numbered" (event_id text PRIMARY KEY, topic text NOT NULL, n integer NOT NULL, note text NOT NULL)`,
    );
    kafka = testKafka();
    topics = await createTestTopics(kafka, [
      'batch-poison',
      'idem-poison',
      'batch-transient',
      'batch-conflict',
      'batch-refused-then-transient',
    ]);
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterEach(async () => {
    await Promise.all(stoppers.splice(0).map((stop) => stop()));
  });

  afterAll(async () => {
    await producer.disconnect();
    await topics.drop();
    await db.drop();
  });

  const stored = async (topic: string): Promise<number[]> =>
    ((await db.dataSource.query(`SELECT n FROM "${db.schema}"."numbered" WHERE topic = $1 ORDER BY n`, [topic])) as { n: number }[]).map(
      (r) => r.n,
    );

  /** Set-based and idempotent, like the screening service's crime-report handler. */
  const storeBatch = async (items: readonly BatchItem<Row>[], ctx: BatchContext): Promise<{ duplicates: number }> => {
    const inserted = (await ctx.manager.query(
      `INSERT INTO "${db.schema}"."numbered" (event_id, topic, n, note)
       SELECT id, $4, n, note FROM unnest($1::text[], $2::bigint[], $3::text[]) AS r(id, n, note) ON CONFLICT DO NOTHING RETURNING event_id`,
      [items.map((i) => i.parsed.eventId), items.map((i) => i.parsed.n), items.map((i) => i.parsed.note), ctx.topic],
    )) as unknown[];
    return { duplicates: items.length - inserted.length };
  };

  const startBatch = async (topic: string, groupId: string, handleBatch = storeBatch): Promise<BatchConsumer<Row>> => {
    const consumer = new BatchConsumer<Row>({
      kafka: testKafka(),
      dataSource: db.dataSource,
      groupId,
      topic,
      logger: quiet,
      maxWaitTimeInMs: 200,
      retryBackoffMs: 20,
      handler: defineBatchHandler({ schema: Row, messageId: (parsed) => parsed.eventId, handleBatch }),
    });
    stoppers.push(() => consumer.stop());
    await consumer.start();
    return consumer;
  };

  const deadLetters = async (topic: string, count: number) => {
    const dead = await readMessages(kafka, deadLetterTopic(topic), count);
    return dead
      .map((d) => ({
        value: d.message.value?.toString() ?? '',
        reason: headerText(d.message, KAFKA_HEADERS.deadLetterReason) ?? '',
        offset: headerText(d.message, KAFKA_HEADERS.deadLetterSourceOffset),
      }))
      .sort((a, b) => Number(a.offset) - Number(b.offset));
  };

  it('should store the rest of a slice, dead-letter the messages Postgres refuses with the reason and move on when a valid message cannot be stored', async () => {
    const [topic] = topics.topics as [string];
    const groupId = `g-batch-poison-${randomSuffix()}`;
    const tooBig = row(TOO_BIG);
    const withNul = row(5, NUL_NOTE);
    // Published before the consumer joins, so all seven arrive in one fetch and one slice.
    await producer.send({ topic, messages: [row(1), row(2), tooBig, row(3), row(4), withNul, row(6)].map(asMessage) });
    const consumer = await startBatch(topic, groupId);
    await waitFor('five stored and two refused', () => consumer.stats.received === 7, 30_000);
    expect(consumer.stats).toMatchObject({ received: 7, processed: 5, deadLettered: 2, refusedByDatabase: 2, duplicates: 0 });
    expect(await stored(topic)).toEqual([1, 2, 3, 4, 6]);

    const dead = await deadLetters(topic, 2);
    expect(dead.map((d) => d.value)).toEqual([JSON.stringify(tooBig), JSON.stringify(withNul)]);
    expect(dead[0]!.reason).toMatch(/^database refused the message: SQLSTATE 22003 /);
    expect(dead[1]!.reason).toMatch(/^database refused the message: SQLSTATE 22021 /);
    // The reason names the problem, never the payload.
    expect(dead[0]!.reason).not.toContain(String(TOO_BIG));
    expect(dead[1]!.reason).not.toContain('secret narrative');

    // Later messages are consumed, and the offsets moved past the refused ones.
    await producer.send({ topic, messages: [asMessage(row(7))] });
    await waitFor('the later message', () => consumer.stats.received === 8);
    await consumer.stop();
    const again = await startBatch(topic, groupId);
    await producer.send({ topic, messages: [asMessage(row(8))] });
    await waitFor('the next message in a new member of the group', () => again.stats.received === 1);
    // Once the group has committed past a marker sent after it, a refused message left uncommitted would have come again.
    await waitUntilCommittedPast(kafka, groupId, await producer.send({ topic, messages: [asMessage(row(9))] }));
    expect(again.stats).toMatchObject({ received: 2, processed: 2, deadLettered: 0 });
    expect(await stored(topic)).toEqual([1, 2, 3, 4, 6, 7, 8, 9]);
  });

  it('should dead-letter a refused message once, not again on the retry, when a transient error follows its isolation', async () => {
    const topic = (topics.topics as string[])[4]!;
    const tooBig = row(TOO_BIG);
    let transientLeft = 1;
    // Published before the consumer joins, so all four arrive in one slice: [1, too big, 2, 3].
    await producer.send({ topic, messages: [row(1), tooBig, row(2), row(3)].map(asMessage) });
    const consumer = await startBatch(topic, `g-batch-refused-transient-${randomSuffix()}`, async (items, ctx) => {
      // Once the refused message has been isolated, the half [2, 3] meets a real transient error.
      if (transientLeft > 0 && items[0]?.parsed.n === 2) {
        transientLeft -= 1;
        await ctx.manager.query(`DO $$ BEGIN RAISE EXCEPTION 'simulated serialization failure' USING ERRCODE = '40001'; END $$`);
      }
      return storeBatch(items, ctx);
    });
    await waitFor('three stored and one refused', () => consumer.stats.received === 4, 30_000);
    expect(consumer.stats).toMatchObject({ processed: 3, deadLettered: 1, refusedByDatabase: 1, failedBatches: 1 });
    expect(await stored(topic)).toEqual([1, 2, 3]);
    expect((await deadLetters(topic, 1)).map((d) => d.value)).toEqual([JSON.stringify(tooBig)]);
  });

  it('should retry a whole slice, not dead-letter it, when the database error is transient', async () => {
    const [, , topic] = topics.topics as [string, string, string];
    let failuresLeft = 2;
    const serializationFailure = Object.assign(new Error('could not serialize access due to concurrent update'), {
      code: '40001',
      severity: 'ERROR',
    });
    const consumer = await startBatch(topic, `g-batch-transient-${randomSuffix()}`, async (items, ctx) => {
      const outcome = await storeBatch(items, ctx);
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw serializationFailure;
      }
      return outcome;
    });
    await producer.send({ topic, messages: [row(1), row(2)].map(asMessage) });
    await waitFor('both stored after two retries', () => consumer.stats.received === 2);
    expect(consumer.stats).toMatchObject({ processed: 2, deadLettered: 0, refusedByDatabase: 0, failedBatches: 2 });
    expect(await stored(topic)).toEqual([1, 2]);
  });

  it('should retry a unique violation that escapes the handler and isolate it only when the last try failed too', async () => {
    const [, , , topic] = topics.topics as [string, string, string, string];
    const taken = row(2);
    await db.dataSource.query(`INSERT INTO "${db.schema}"."numbered" (event_id, topic, n, note) VALUES ($1, 'elsewhere', 2, 'first')`, [
      taken.eventId,
    ]);
    // No ON CONFLICT: a handler that does not resolve duplicates itself.
    const strict = async (items: readonly BatchItem<Row>[], ctx: BatchContext): Promise<{ duplicates: number }> => {
      await ctx.manager.query(
        `INSERT INTO "${db.schema}"."numbered" (event_id, topic, n, note) SELECT id, $4, n, note FROM unnest($1::text[], $2::bigint[], $3::text[]) AS r(id, n, note)`,
        [items.map((i) => i.parsed.eventId), items.map((i) => i.parsed.n), items.map((i) => i.parsed.note), ctx.topic],
      );
      return { duplicates: 0 };
    };
    await producer.send({ topic, messages: [row(1), taken, row(3)].map(asMessage) });
    const consumer = await startBatch(topic, `g-batch-conflict-${randomSuffix()}`, strict);
    await waitFor('two stored and the conflicting one dead-lettered', () => consumer.stats.received === 3, 30_000);
    // Tries 1 and 2 retried the whole slice; the third (last) isolated the message.
    expect(consumer.stats).toMatchObject({ processed: 2, deadLettered: 1, refusedByDatabase: 1, failedBatches: 2 });
    expect(await stored(topic)).toEqual([1, 3]);
    const [dead] = await deadLetters(topic, 1);
    expect(dead!.value).toBe(JSON.stringify(taken));
    expect(dead!.reason).toMatch(
      /^database refused the message: SQLSTATE 23505 duplicate key value violates unique constraint "numbered_pkey" \(constraint numbered_pkey\)$/,
    );
  });

  it('should dead-letter a valid message Postgres refuses and process the ones around it when an idempotent consumer handles it', async () => {
    const [, topic] = topics.topics as [string, string];
    const handle = async (parsed: Row, ctx: HandlerContext): Promise<void> => {
      await ctx.manager.query(`INSERT INTO "${db.schema}"."numbered" (event_id, topic, n, note) VALUES ($1, $2, $3, $4)`, [
        parsed.eventId,
        ctx.topic,
        parsed.n,
        parsed.note,
      ]);
    };
    const consumer = new IdempotentConsumer({
      kafka: testKafka(),
      dataSource: db.dataSource,
      groupId: `g-idem-poison-${randomSuffix()}`,
      logger: quiet,
      maxWaitTimeInMs: 200,
      handlers: { [topic]: defineHandler({ schema: Row, messageId: (parsed) => parsed.eventId, handle }) },
    });
    stoppers.push(() => consumer.stop());
    const withNul = row(2, NUL_NOTE);
    await producer.send({ topic, messages: [row(1), withNul, row(3)].map(asMessage) });
    await consumer.start();
    await waitFor('two stored and one refused', () => consumer.stats.processed === 2 && consumer.stats.deadLettered === 1, 30_000);
    expect(consumer.stats).toMatchObject({ refusedByDatabase: 1, duplicates: 0 });
    expect(await stored(topic)).toEqual([1, 3]);
    const [dead] = await deadLetters(topic, 1);
    expect(dead!.value).toBe(JSON.stringify(withNul));
    expect(dead!.reason).toMatch(/^database refused the message: SQLSTATE 22021 /);

    await producer.send({ topic, messages: [asMessage(row(4))] });
    await waitFor('the later message', () => consumer.stats.processed === 3);
    expect(await stored(topic)).toEqual([1, 3, 4]);
  });
});
