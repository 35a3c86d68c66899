import type { Kafka, KafkaMessage, RecordMetadata } from 'kafkajs';
import { kafkaEnv, loadConfig } from '@easi/config';
import { createLogger } from '@easi/logging';
import { deadLetterTopic } from '@easi/contracts';
import { waitUntilCommittedPast as waitUntilGroupCommittedPast } from '@easi/testing';
import { createKafka, ensureTopics } from '../src/kafka';
import { randomSuffix } from './test-schema';
import { waitFor } from './wait-for';

export const { KAFKA_BROKERS } = loadConfig(kafkaEnv);

export const testKafka = (clientId = `messaging-test-${randomSuffix()}`): Kafka =>
  createKafka({ brokers: KAFKA_BROKERS, clientId, logger: createLogger(clientId, 'fatal') });

/** Unique topics (and their dead-letter twins) for one test file; `drop()` deletes them. */
export const createTestTopics = async (kafka: Kafka, names: string[], partitions = 3) => {
  const suffix = randomSuffix();
  const topics = names.map((name) => `test.${name}.${suffix}`);
  const all = topics.flatMap((topic) => [topic, deadLetterTopic(topic)]);
  await ensureTopics(kafka, all, partitions);
  const drop = async (): Promise<void> => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.deleteTopics({ topics: all });
    } finally {
      await admin.disconnect();
    }
  };
  return { topics, drop };
};

export type Received = { topic: string; partition: number; message: KafkaMessage };

/**
 * Reads a topic from the beginning with a fresh group until `count` messages arrived, then on to the
 * end the topic had at that moment (its high watermarks), so an extra message already written — a
 * duplicate, a ghost — is read too instead of being hoped for within a linger. Fails, saying how
 * many arrived, when fewer than `count` did within `timeoutMs`.
 */
export const readMessages = async (kafka: Kafka, topic: string, count: number, timeoutMs = 20_000): Promise<Received[]> => {
  const consumer = kafka.consumer({ groupId: `reader-${randomSuffix()}`, maxWaitTimeInMs: 200 });
  const received: Received[] = [];
  /** The next offset to read, per partition. */
  const position = new Map<number, bigint>();
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic: t, partition, message }) => {
        received.push({ topic: t, partition, message });
        position.set(partition, BigInt(message.offset) + 1n);
      },
    });
    try {
      await waitFor(`${count} messages on ${topic}`, () => received.length >= count, timeoutMs);
    } catch {
      throw new Error(`timed out waiting for ${count} messages on ${topic}: ${received.length} arrived`);
    }
    const last = await lastMessages(kafka, topic);
    await waitFor(
      `the rest of ${topic}`,
      () => last.every(({ partition, baseOffset }) => (position.get(partition) ?? 0n) > BigInt(baseOffset!)),
      timeoutMs,
    );
    return received;
  } finally {
    await consumer.disconnect();
  }
};

/** Where a message landed, as `producer.send` reports it (send a marker alone: `baseOffset` is its offset). */
export type SentMessage = Pick<RecordMetadata, 'topicName' | 'partition' | 'baseOffset'>;

/** The last message on each non-empty partition of `topic` now, as `producer.send` would report it. */
export const lastMessages = async (kafka: Kafka, topic: string): Promise<SentMessage[]> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic))
      .filter(({ high, low }) => BigInt(high) > BigInt(low))
      .map(({ partition, high }) => ({ topicName: topic, partition, baseOffset: String(BigInt(high) - 1n) }));
  } finally {
    await admin.disconnect();
  }
};

/**
 * Waits until consumer group `groupId` has committed offsets past each of `messages`: its consumer
 * handled everything on those partitions up to and including them, and committed. To show that a
 * message was not handled (again), send a marker after it to the same partition, wait past the
 * marker, then assert: whatever the consumer was going to do with the earlier message is done.
 */
export const waitUntilCommittedPast = async (
  kafka: Kafka,
  groupId: string,
  messages: readonly SentMessage[],
  timeoutMs = 20_000,
): Promise<void> => {
  const unplaced = messages.filter((m) => m.baseOffset === undefined);
  if (unplaced.length > 0) throw new Error(`no offset for ${unplaced.length} of the messages to wait past`);
  const positions = messages.map((m) => ({ topic: m.topicName, partition: m.partition, offset: m.baseOffset as string }));
  await waitUntilGroupCommittedPast(kafka, groupId, positions, timeoutMs);
};

export const headerText = (message: KafkaMessage, name: string): string | undefined => {
  const value = message.headers?.[name];
  if (value === undefined) {
    return undefined;
  }
  return Array.isArray(value) ? value.map(String).join(',') : String(value);
};
