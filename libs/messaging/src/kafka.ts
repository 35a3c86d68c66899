import { Kafka, logLevel } from 'kafkajs';
import type { Admin, LogEntry, RetryOptions } from 'kafkajs';
import { createLogger } from '@easi/logging';
import type { Logger } from '@easi/logging';

export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

export type CreateKafkaOptions = {
  brokers: string[];
  clientId: string;
  /** kafkajs's own verbosity; its lines go through our JSON logger. Default warn. */
  logLevel?: KafkaLogLevel;
  logger?: Logger;
  /** Overrides the retry policy (tests use a short one to see failures quickly). */
  retry?: RetryOptions;
  connectionTimeoutMs?: number;
};

const LEVELS: Record<KafkaLogLevel, logLevel> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

const toPino = (level: logLevel): 'error' | 'warn' | 'info' | 'debug' => {
  switch (level) {
    case logLevel.ERROR:
    case logLevel.NOTHING:
      return 'error';
    case logLevel.WARN:
      return 'warn';
    case logLevel.INFO:
      return 'info';
    default:
      return 'debug';
  }
};

/**
 * A kafkajs client that logs through pino and retries for about a minute before giving up,
 * which rides out a broker restart without hiding a broker that is really gone.
 */
export const createKafka = (opts: CreateKafkaOptions): Kafka => {
  const logger = (opts.logger ?? createLogger(opts.clientId)).child({ component: 'kafkajs' });
  return new Kafka({
    clientId: opts.clientId,
    brokers: opts.brokers,
    connectionTimeout: opts.connectionTimeoutMs ?? 3000,
    retry: opts.retry ?? { initialRetryTime: 300, maxRetryTime: 10_000, retries: 8 },
    logLevel: LEVELS[opts.logLevel ?? 'warn'],
    logCreator:
      () =>
      ({ namespace, level, log }: LogEntry) => {
        const { message, timestamp: _timestamp, logger: _name, ...fields } = log;
        logger[toPino(level)]({ kafkaNamespace: namespace, ...fields }, message);
      },
  });
};

/**
 * createTopics returns before the broker answers metadata requests for the new partitions;
 * a producer arriving in that window retries with backoff for seconds. Wait it out here instead.
 */
const waitUntilServed = async (admin: Admin, topics: string[], timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      if (metadata.every((topic) => topic.partitions.length > 0 && topic.partitions.every((p) => p.leader >= 0))) {
        return;
      }
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`Topics not served within ${timeoutMs} ms: ${topics.join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/**
 * Creates the topics that do not exist yet (with `partitions` partitions and the broker's default
 * replication) and returns their names. Safe to run from several processes at once.
 */
export const ensureTopics = async (kafka: Kafka, topics: string[], partitions = 3): Promise<string[]> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions: partitions })), waitForLeaders: true });
      await waitUntilServed(admin, missing);
    }
    return missing;
  } finally {
    await admin.disconnect();
  }
};
