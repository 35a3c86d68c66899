// Measures IdempotentConsumer throughput on the real stack: `node -r ./tools/register.js libs/messaging/test/consumer-throughput.bench.ts [messages]`.
// Compares a no-op handler with one INSERT per message, each with chunked transactions (default 100)
// and with one transaction per message, so the effect of maxTransactionSize is visible.
import { randomUUID } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import { z } from 'zod';
import { createLogger } from '@easi/logging';
import { IdempotentConsumer } from '../src/idempotent-consumer';
import { defineHandler } from '../src/message-handler';
import { createTestSchema, randomSuffix } from './test-schema';
import { createTestTopics, testKafka } from './test-kafka';
import { waitFor } from './wait-for';

const count = Number(process.argv[2] ?? 18_000);
const Schema = z.object({ eventId: z.uuid(), n: z.number(), note: z.string() });

const main = async (): Promise<void> => {
  const db = await createTestSchema('bench');
  const kafka = testKafka();
  const topics = await createTestTopics(kafka, ['bench']);
  const topic = topics.topics[0]!;
  try {
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    for (let i = 0; i < count; i += 1000) {
      const size = Math.min(1000, count - i);
      const messages = Array.from({ length: size }, (_, j) => ({
        key: `J-${(i + j) % 2000}`,
        value: JSON.stringify({ eventId: randomUUID(), n: i + j, note: 'x'.repeat(300) }),
      }));
      await producer.send({ topic, messages });
    }
    await producer.disconnect();
    for (const [handlerKind, maxTransactionSize] of [
      ['no-op', 100],
      ['insert', 100],
      ['no-op', 1],
      ['insert', 1],
    ] as const) {
      const consumer = new IdempotentConsumer({
        kafka: testKafka(),
        dataSource: db.dataSource,
        groupId: `bench-${randomSuffix()}`,
        logger: createLogger('bench', 'error'),
        maxTransactionSize,
        handlers: {
          [topic]: defineHandler({
            schema: Schema,
            messageId: (m) => m.eventId,
            handle: async (m, ctx) => {
              if (handlerKind === 'insert') {
                await ctx.manager.query(`INSERT INTO "${db.schema}"."received" (message_id, topic) VALUES ($1, $2)`, [
                  `${m.eventId}-${randomSuffix()}`,
                  topic,
                ]);
              }
            },
          }),
        },
      });
      await consumer.start();
      const started = Date.now();
      await waitFor('all messages', () => consumer.stats.processed >= count, 600_000);
      const ms = Date.now() - started;
      process.stdout.write(
        `${handlerKind} handler, ${maxTransactionSize}/transaction: ${count} in ${ms} ms = ${Math.round((count * 1000) / ms)} msg/s\n`,
      );
      await consumer.stop();
    }
  } finally {
    await topics.drop();
    await db.drop();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
