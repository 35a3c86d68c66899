import type { Kafka, KafkaMessage } from 'kafkajs';
import { kafkaEnv, loadConfig } from '@easi/config';
import { createLogger } from '@easi/logging';
import { deadLetterTopic } from '@easi/contracts';
import { createKafka, ensureTopics } from '../src/kafka';
import { randomSuffix } from './test-schema';

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

/** Reads a topic from the beginning with a fresh group until `count` messages arrived (or times out). */
export const readMessages = async (kafka: Kafka, topic: string, count: number, settleMs = 500, timeoutMs = 20_000): Promise<Received[]> => {
  const consumer = kafka.consumer({ groupId: `reader-${randomSuffix()}`, maxWaitTimeInMs: 200 });
  const received: Received[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let reached: () => void = () => undefined;
    const enough = new Promise<void>((resolve) => {
      reached = resolve;
    });
    await consumer.run({
      eachMessage: async ({ topic: t, partition, message }) => {
        received.push({ topic: t, partition, message });
        if (received.length >= count) {
          reached();
        }
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([enough, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    // Linger a little so a duplicate arriving after the expected count is caught too.
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    return received;
  } finally {
    await consumer.disconnect();
  }
};

export const headerText = (message: KafkaMessage, name: string): string | undefined => {
  const value = message.headers?.[name];
  if (value === undefined) {
    return undefined;
  }
  return Array.isArray(value) ? value.map(String).join(',') : String(value);
};
