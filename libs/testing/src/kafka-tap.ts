import { Kafka, logLevel, type Consumer, type IHeaders } from 'kafkajs';

export type TappedMessage = { topic: string; key: string | null; value: string; headers: Record<string, string>; offset: string; partition: number };

const headersToStrings = (headers: IHeaders | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.map(String).join(',') : v === undefined ? '' : v.toString()]));

/**
 * Reads topics from the beginning in a fresh group, collecting every message, so a test can wait
 * for the ones it caused by their unique references: `await tap.waitFor((m) => m.key === ref)`.
 */
export class KafkaTap {
  readonly messages: TappedMessage[] = [];
  private consumer?: Consumer;

  constructor(
    private readonly brokers: string[],
    private readonly topics: string[],
  ) {}

  async start(): Promise<void> {
    const kafka = new Kafka({ clientId: 'easi-test-tap', brokers: this.brokers, logLevel: logLevel.NOTHING });
    this.consumer = kafka.consumer({ groupId: `easi-test-tap-${Date.now()}-${Math.random().toString(36).slice(2)}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
    let assigned = false;
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      assigned = true;
    });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        this.messages.push({
          topic,
          partition,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? '',
          headers: headersToStrings(message.headers),
          offset: message.offset,
        });
      },
    });
    const deadline = Date.now() + 30_000;
    while (!assigned && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (!assigned) throw new Error('Kafka tap did not join its group within 30 s');
  }

  async waitFor(predicate: (m: TappedMessage) => boolean, timeoutMs = 30_000): Promise<TappedMessage> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.messages.find(predicate);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no matching message on ${this.topics.join(', ')} within ${timeoutMs} ms (saw ${this.messages.length})`);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
