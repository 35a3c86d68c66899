import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { KAFKA_HEADERS } from '@easi/contracts';
import { KafkaTap } from './kafka-tap';

jest.setTimeout(60_000);

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const kafka = new Kafka({ clientId: 'testing-tap-spec', brokers, logLevel: logLevel.NOTHING });
const topic = `test.tap.${randomUUID()}`;
const tap = new KafkaTap(brokers, [topic]);
let producer: Producer;

const send = (key: string, eventType: string, value = eventType): Promise<unknown> =>
  producer.send({ topic, messages: [{ key, value, headers: { [KAFKA_HEADERS.eventType]: eventType } }] });

beforeAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  producer = kafka.producer();
  await producer.connect();
  await tap.start();
});

afterAll(async () => {
  await tap.stop();
  await producer.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [topic] });
  await admin.disconnect();
});

describe('KafkaTap.waitForEvent (real Kafka)', () => {
  it('should resolve with the message of the asked event type when another event with the same key arrived first', async () => {
    const key = randomUUID();
    await send(key, 'task.created');
    await send(key, 'journey.candidate-identified');
    const found = await tap.waitForEvent(topic, key, 'journey.candidate-identified');
    expect(found).toMatchObject({
      key,
      value: 'journey.candidate-identified',
      headers: { [KAFKA_HEADERS.eventType]: 'journey.candidate-identified' },
    });
    expect(tap.messages.filter((m) => m.key === key).map((m) => m.value)).toEqual(['task.created', 'journey.candidate-identified']);
  });

  it('should resolve when the message arrives after the wait began', async () => {
    const key = randomUUID();
    const waiting = tap.waitForEvent(topic, key, 'journey.candidate-identified');
    await send(key, 'task.created');
    await send(key, 'journey.candidate-identified', 'the awaited one');
    expect((await waiting).value).toBe('the awaited one');
  });

  it('should reject naming the event types it saw for the key when the asked one does not arrive by the deadline', async () => {
    const key = randomUUID();
    await send(key, 'task.created');
    await tap.waitForEvent(topic, key, 'task.created');
    await expect(tap.waitForEvent(topic, key, 'journey.candidate-identified', 500)).rejects.toThrow(
      `no journey.candidate-identified with key ${key} on ${topic} within 500 ms; for that key it saw task.created`,
    );
  });
});
