import { Kafka, logLevel, type Consumer, type IHeaders } from 'kafkajs';
import { KAFKA_HEADERS } from '@easi/contracts';
import { waitFor } from './wait-for';

export type TappedMessage = {
  topic: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
  offset: string;
  partition: number;
};

/** Where one message sits in Kafka. */
export type MessagePosition = { topic: string; partition: number; offset: string };

/**
 * Waits until consumer group `groupId` has committed past every given message (kafkajs admin
 * `fetchOffsets`): after it, the group has handled them and whatever came before them.
 */
export const waitUntilCommittedPast = async (
  kafka: Kafka,
  groupId: string,
  messages: readonly MessagePosition[],
  timeoutMs = 30_000,
): Promise<void> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const what = messages.map((m) => `${m.topic}[${m.partition}]@${m.offset}`).join(', ');
    await waitFor(
      `group ${groupId} to commit past ${what}`,
      async () => {
        const committed = await admin.fetchOffsets({ groupId, topics: [...new Set(messages.map((m) => m.topic))] });
        const past = messages.every((m) => {
          const offset = committed.find((t) => t.topic === m.topic)?.partitions.find((p) => p.partition === m.partition)?.offset ?? '-1';
          return BigInt(offset) > BigInt(m.offset);
        });
        return past ? true : undefined;
      },
      timeoutMs,
    );
  } finally {
    await admin.disconnect();
  }
};

type Waiter = { matches: (m: TappedMessage) => boolean; found: (m: TappedMessage) => void; failed: (error: unknown) => void };

const headersToStrings = (headers: IHeaders | undefined): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.map(String).join(',') : v === undefined ? '' : v.toString()]),
  );

/**
 * Reads topics from the beginning in a fresh group, collecting every message, so a test can wait
 * for the ones it caused by their unique references. A topic promises order only per partition and
 * several services write to one audience's topic, so wait for the specific message (its topic, key
 * and event type: `waitForEvent`), never for the first one with a key.
 */
export class KafkaTap {
  readonly messages: TappedMessage[] = [];
  private readonly waiters = new Set<Waiter>();
  private consumer?: Consumer;
  private crashed?: Error;

  constructor(
    private readonly brokers: string[],
    private readonly topics: string[],
  ) {}

  /**
   * Joins a fresh group and returns once the consumer has sent its first heartbeat. kafkajs loads a
   * protocol request's code the first time it sends one, and Jest refuses a `require` between two
   * tests, which crashes the consumer for good: so the tap commits no offsets (a fresh group reads
   * from the beginning anyway) and has sent a heartbeat before any test runs.
   */
  async start(timeoutMs = 30_000): Promise<void> {
    const kafka = new Kafka({ clientId: 'easi-test-tap', brokers: this.brokers, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({
      groupId: `easi-test-tap-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      heartbeatInterval: 500,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.crash(payload.error);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.topics, fromBeginning: true });
    const joined = new Promise<void>((resolve) => {
      const off = consumer.on(consumer.events.GROUP_JOIN, () => {
        off();
        resolve();
      });
    });
    const heartbeat = new Promise<void>((resolve) => {
      const off = consumer.on(consumer.events.HEARTBEAT, () => {
        off();
        resolve();
      });
    });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        this.receive({
          topic,
          partition,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? '',
          headers: headersToStrings(message.headers),
          offset: message.offset,
        });
      },
    });
    await withDeadline(
      Promise.all([joined, heartbeat]),
      timeoutMs,
      () => new Error(`Kafka tap did not join its group and send a heartbeat within ${timeoutMs} ms`),
    );
  }

  /** A consumer that stopped for good fails every wait at once, instead of each timing out. */
  private crash(error: Error): void {
    this.crashed = error;
    for (const waiter of this.waiters) waiter.failed(new Error(`the Kafka tap's consumer crashed: ${error.message}`, { cause: error }));
    this.waiters.clear();
  }

  private receive(message: TappedMessage): void {
    this.messages.push(message);
    for (const waiter of [...this.waiters]) {
      try {
        if (!waiter.matches(message)) continue;
        this.waiters.delete(waiter);
        waiter.found(message);
      } catch (error) {
        this.waiters.delete(waiter);
        waiter.failed(error);
      }
    }
  }

  /** The first message (already read, or the next to arrive) that `predicate` accepts. */
  waitFor(predicate: (m: TappedMessage) => boolean, timeoutMs = 30_000, what = 'matching message'): Promise<TappedMessage> {
    const seen = this.messages.find(predicate);
    if (seen) return Promise.resolve(seen);
    if (this.crashed)
      return Promise.reject(new Error(`the Kafka tap's consumer crashed: ${this.crashed.message}`, { cause: this.crashed }));
    let waiter: Waiter | undefined;
    const arrived = new Promise<TappedMessage>((found, failed) => {
      waiter = { matches: predicate, found, failed };
      this.waiters.add(waiter);
    });
    return withDeadline(arrived, timeoutMs, () => {
      if (waiter) this.waiters.delete(waiter);
      return new Error(`no ${what} on ${this.topics.join(', ')} within ${timeoutMs} ms (saw ${this.messages.length})`);
    });
  }

  /** The message of this event type (the `event-type` header) with this key on this topic, whatever else arrived for the key before it. */
  async waitForEvent(topic: string, key: string, eventType: string, timeoutMs = 30_000): Promise<TappedMessage> {
    try {
      return await this.waitFor(
        (m) => m.topic === topic && m.key === key && m.headers[KAFKA_HEADERS.eventType] === eventType,
        timeoutMs,
        `${eventType} message`,
      );
    } catch (error) {
      const others = this.messages
        .filter((m) => m.topic === topic && m.key === key)
        .map((m) => m.headers[KAFKA_HEADERS.eventType] ?? '(no event type)');
      throw new Error(
        `no ${eventType} with key ${key} on ${topic} within ${timeoutMs} ms; for that key it saw ${others.length ? others.join(', ') : 'nothing'}`,
        { cause: error },
      );
    }
  }

  /**
   * Waits until consumer group `groupId` has committed an offset past `message`: its consumer has
   * handled that message and everything before it on the partition, so whatever it was going to do
   * with them (a redelivery's duplicate included) is done and can be asserted on.
   */
  async waitUntilCommittedPast(
    groupId: string,
    message: Pick<TappedMessage, 'topic' | 'partition' | 'offset'>,
    timeoutMs = 30_000,
  ): Promise<void> {
    const kafka = new Kafka({ clientId: 'easi-test-tap-admin', brokers: this.brokers, logLevel: logLevel.NOTHING });
    await waitUntilCommittedPast(kafka, groupId, [message], timeoutMs);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    for (const waiter of this.waiters) waiter.failed(new Error('the Kafka tap stopped'));
    this.waiters.clear();
  }
}

/** `promise`, or the error `timedOut` makes once `timeoutMs` has passed: a deadline, not a sleep. */
const withDeadline = <T>(promise: Promise<T>, timeoutMs: number, timedOut: () => Error): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut()), timeoutMs);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
};
