import type { Kafka } from 'kafkajs';
import { KAFKA_HEADERS } from '@easi/contracts';
import { createLogger, runWithCorrelation } from '@easi/logging';
import { createTestSchema, randomSuffix } from '../test/test-schema';
import { createTestTopics, headerText, KAFKA_BROKERS, readMessages, testKafka } from '../test/test-kafka';
import { waitFor } from '../test/wait-for';
import { OutboxMessageEntity } from './entities/outbox-message.entity';
import { createKafka } from './kafka';
import { OutboxRelay } from './outbox-relay';
import { writeOutbox } from './write-outbox';

const quiet = createLogger('outbox-relay-test', 'fatal');

jest.setTimeout(60_000);

describe('OutboxRelay (real Postgres and Kafka)', () => {
  let db: Awaited<ReturnType<typeof createTestSchema>>;
  let kafka: Kafka;
  let topics: Awaited<ReturnType<typeof createTestTopics>>;

  beforeAll(async () => {
    db = await createTestSchema('outbox_relay');
    kafka = testKafka();
    topics = await createTestTopics(kafka, ['relay-a', 'relay-b', 'relay-c', 'relay-d']);
  });

  afterAll(async () => {
    await topics.drop();
    await db.drop();
  });

  const write = (topic: string, key: string, payload: unknown) =>
    db.dataSource.transaction((manager) => writeOutbox(manager, { topic, key, eventType: 'test.happened', schemaVersion: 1, payload }));

  it('should publish with key, headers and JSON value exactly once when drained', async () => {
    const [topic] = topics.topics as [string];
    const eventId = await runWithCorrelation('corr-relay-1', () => write(topic, 'J-100', { n: 1, journeyRef: 'J-100' }));
    const relay = new OutboxRelay({ dataSource: db.dataSource, kafka, logger: quiet });
    try {
      expect(await relay.drainOnce()).toBe(1);
      expect(await relay.drainOnce()).toBe(0);
    } finally {
      await relay.stop();
    }
    const received = await readMessages(kafka, topic, 1);
    expect(received).toHaveLength(1);
    const { message } = received[0]!;
    expect(message.key?.toString()).toBe('J-100');
    expect(JSON.parse(message.value!.toString())).toEqual({ n: 1, journeyRef: 'J-100' });
    expect(headerText(message, KAFKA_HEADERS.eventId)).toBe(eventId);
    expect(headerText(message, KAFKA_HEADERS.eventType)).toBe('test.happened');
    expect(headerText(message, KAFKA_HEADERS.schemaVersion)).toBe('1');
    expect(headerText(message, KAFKA_HEADERS.correlationId)).toBe('corr-relay-1');
    const row = await db.dataSource.getRepository(OutboxMessageEntity).findOneByOrFail({ id: eventId });
    expect(row.publishedAt).toBeInstanceOf(Date);
    expect(row.attempts).toBe(1);
  });

  it('should never publish a row when its transaction rolled back', async () => {
    const [, topic] = topics.topics as [string, string];
    await expect(
      db.dataSource.transaction(async (manager) => {
        await writeOutbox(manager, { topic, key: 'J-200', eventType: 'test.happened', schemaVersion: 1, payload: { ghost: true } });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await write(topic, 'J-201', { real: true });
    const relay = new OutboxRelay({ dataSource: db.dataSource, kafka, logger: quiet });
    try {
      expect(await relay.drainOnce()).toBe(1);
    } finally {
      await relay.stop();
    }
    const received = await readMessages(kafka, topic, 1);
    expect(received.map((r) => JSON.parse(r.message.value!.toString()))).toEqual([{ real: true }]);
  });

  it('should publish every row exactly once when two relays in two pools drain concurrently', async () => {
    const [, , topic] = topics.topics as [string, string, string];
    const total = 600;
    const otherProcess = await db.open('relay-b');
    const relays = [
      new OutboxRelay({ dataSource: db.dataSource, kafka, logger: quiet, batchSize: 50 }),
      new OutboxRelay({ dataSource: otherProcess, kafka: testKafka(), logger: quiet, batchSize: 50 }),
      new OutboxRelay({ dataSource: otherProcess, kafka: testKafka(), logger: quiet, batchSize: 50 }),
    ];
    try {
      // Connect every producer first so the race below is between relays, not connection set-up.
      await Promise.all(relays.map((relay) => relay.drainOnce()));
      await db.dataSource.transaction(async (manager) => {
        for (let i = 0; i < total; i += 1) {
          await writeOutbox(manager, { topic, key: `J-${i % 37}`, eventType: 'test.happened', schemaVersion: 1, payload: { i } });
        }
      });
      const counts = await Promise.all(relays.map((relay) => relay.drainOnce()));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
      expect(counts.filter((c) => c > 0).length).toBeGreaterThan(1);
    } finally {
      await Promise.all(relays.map((relay) => relay.stop()));
      await otherProcess.destroy();
    }
    const received = await readMessages(kafka, topic, total);
    const ids = received.map((r) => headerText(r.message, KAFKA_HEADERS.eventId));
    expect(received).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    // Same key, same partition: a journey's events stay together.
    const partitionsByKey = new Map<string, Set<number>>();
    for (const r of received) {
      const key = r.message.key!.toString();
      partitionsByKey.set(key, (partitionsByKey.get(key) ?? new Set()).add(r.partition));
    }
    expect([...partitionsByKey.values()].every((p) => p.size === 1)).toBe(true);
  });

  it('should keep the row, count the attempt and publish later when Kafka is unreachable', async () => {
    const [, , , topic] = topics.topics as [string, string, string, string];
    const eventId = await write(topic, 'J-400', { retry: true });
    const broken = createKafka({
      brokers: ['127.0.0.1:1'],
      clientId: `broken-${randomSuffix()}`,
      logger: quiet,
      retry: { retries: 0, initialRetryTime: 50 },
      connectionTimeoutMs: 300,
    });
    const failing = new OutboxRelay({ dataSource: db.dataSource, kafka: broken, logger: quiet });
    const impatient = createKafka({
      brokers: KAFKA_BROKERS,
      clientId: `impatient-${randomSuffix()}`,
      logger: quiet,
      retry: { retries: 1, initialRetryTime: 50 },
    });
    const failingAfterConnect = new OutboxRelay({ dataSource: db.dataSource, kafka: impatient, logger: quiet });
    try {
      await expect(failing.drainOnce()).rejects.toThrow();
      // A connected producer whose send fails: the topic does not exist and may not be auto-created.
      await db.dataSource.query(`UPDATE "${db.schema}"."outbox" SET topic = $2 WHERE id = $1`, [eventId, `${topic}.missing`]);
      await expect(failingAfterConnect.drainOnce()).rejects.toThrow();
    } finally {
      await failing.stop();
      await failingAfterConnect.stop();
    }
    const failed = await db.dataSource.getRepository(OutboxMessageEntity).findOneByOrFail({ id: eventId });
    expect(failed.publishedAt).toBeNull();
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toMatch(/topic|partition|leader/i);

    await db.dataSource.query(`UPDATE "${db.schema}"."outbox" SET topic = $2 WHERE id = $1`, [eventId, topic]);
    const healthy = new OutboxRelay({ dataSource: db.dataSource, kafka: testKafka(), logger: quiet, pollIntervalMs: 50 });
    await healthy.start();
    try {
      const received = await readMessages(kafka, topic, 1);
      expect(headerText(received[0]!.message, KAFKA_HEADERS.eventId)).toBe(eventId);
    } finally {
      await healthy.stop();
    }
    const published = await db.dataSource.getRepository(OutboxMessageEntity).findOneByOrFail({ id: eventId });
    expect(published.publishedAt).toBeInstanceOf(Date);
    expect(published.attempts).toBe(2);
  });

  it('should publish a row written while it sleeps as soon as wake() is called when the poll interval is long', async () => {
    const [topic] = topics.topics as [string];
    // Far longer than the test may run: only wake() can make the relay look at the outbox again.
    const relay = new OutboxRelay({ dataSource: db.dataSource, kafka, logger: quiet, pollIntervalMs: 10 * 60_000 });
    // A row waiting at start goes out with the first drain; once it has, the relay found nothing more and sleeps.
    await write(topic, 'J-499', { primer: true });
    await relay.start();
    try {
      await waitFor('the first drain', () => relay.stats.published >= 1);
      const before = relay.stats.published;
      const eventId = await write(topic, 'J-500', { woken: true });
      relay.wake();
      await waitFor('the woken relay to publish the new row', () => relay.stats.published === before + 1);
      const row = await db.dataSource.getRepository(OutboxMessageEntity).findOneByOrFail({ id: eventId });
      expect(row.publishedAt).toBeInstanceOf(Date);
      expect(row.attempts).toBe(1);
    } finally {
      await relay.stop();
    }
  });
});

describe('createKafka', () => {
  it('should reach the broker when given the configured brokers', async () => {
    const admin = createKafka({ brokers: KAFKA_BROKERS, clientId: 'probe', logger: quiet }).admin();
    await admin.connect();
    await expect(admin.listTopics()).resolves.toEqual(expect.any(Array));
    await admin.disconnect();
  });
});
