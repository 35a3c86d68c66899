import type { Kafka } from 'kafkajs';
import { z } from 'zod';
import { KAFKA_HEADERS } from '@easi/contracts';
import { createLogger, currentCorrelationId, runWithCorrelation } from '@easi/logging';
import { createTestSchema, randomSuffix } from '../test/test-schema';
import { createTestTopics, lastMessages, testKafka, waitUntilCommittedPast } from '../test/test-kafka';
import { waitFor } from '../test/wait-for';
import { IdempotentConsumer } from './idempotent-consumer';
import { defineHandler, eventIdHeader } from './message-handler';
import { OutboxRelay } from './outbox-relay';
import { writeOutbox } from './write-outbox';

jest.setTimeout(120_000);

const quiet = createLogger('outbox-to-consumer-test', 'fatal');

const JourneyEvent = z.object({ journeyRef: z.string().min(3), seq: z.number().int(), note: z.string() });

/** A national day of police events: the volume the pipeline must take comfortably. */
const NATIONAL_DAY = 18_000;

describe('outbox → relay → Kafka → idempotent consumer (real Postgres and Kafka)', () => {
  let producerDb: Awaited<ReturnType<typeof createTestSchema>>;
  let consumerDb: Awaited<ReturnType<typeof createTestSchema>>;
  let kafka: Kafka;
  let topics: Awaited<ReturnType<typeof createTestTopics>>;

  beforeAll(async () => {
    [producerDb, consumerDb] = await Promise.all([createTestSchema('e2e_producer'), createTestSchema('e2e_consumer')]);
    kafka = testKafka();
    topics = await createTestTopics(kafka, ['e2e']);
  });

  afterAll(async () => {
    await topics.drop();
    await Promise.all([producerDb.drop(), consumerDb.drop()]);
  });

  it('should deliver a national day of events once each, with headers and correlation ids, when relay and consumer run together', async () => {
    const [topic] = topics.topics as [string];
    const seen = new Map<string, { journeyRef: string; type?: string; version?: string; correlationId?: string }>();
    const groupId = `g-e2e-${randomSuffix()}`;
    const consumer = new IdempotentConsumer({
      kafka: testKafka(),
      dataSource: consumerDb.dataSource,
      groupId,
      logger: quiet,
      handlers: {
        [topic]: defineHandler({
          schema: JourneyEvent,
          messageId: eventIdHeader,
          handle: async (event, ctx) => {
            await ctx.manager.query(
              `INSERT INTO "${consumerDb.schema}"."received" (message_id, topic, correlation_id) VALUES ($1, $2, $3)`,
              [ctx.headers[KAFKA_HEADERS.eventId], ctx.topic, currentCorrelationId()],
            );
            seen.set(ctx.headers[KAFKA_HEADERS.eventId]!, {
              journeyRef: event.journeyRef,
              type: ctx.headers[KAFKA_HEADERS.eventType],
              version: ctx.headers[KAFKA_HEADERS.schemaVersion],
              correlationId: ctx.correlationId,
            });
          },
        }),
      },
    });
    const relay = new OutboxRelay({ dataSource: producerDb.dataSource, kafka: testKafka(), logger: quiet });
    try {
      let phase = Date.now();
      const lap = (): number => {
        const ms = Date.now() - phase;
        phase = Date.now();
        return ms;
      };
      const eventIds: string[] = [];
      const perTransaction = 500;
      for (let from = 0; from < NATIONAL_DAY; from += perTransaction) {
        await runWithCorrelation(`corr-batch-${from}`, () =>
          producerDb.dataSource.transaction(async (manager) => {
            for (let i = from; i < from + perTransaction; i += 1) {
              eventIds.push(
                await writeOutbox(manager, {
                  topic,
                  key: `J-${i % 2000}`,
                  eventType: 'journey.stage-changed',
                  schemaVersion: 1,
                  payload: { journeyRef: `J-${i % 2000}`, seq: i, note: 'x'.repeat(300) },
                }),
              );
            }
          }),
        );
      }
      const writeMs = lap();
      await relay.start();
      await waitFor('every event published', () => relay.stats.published >= NATIONAL_DAY, 100_000);
      const publishMs = lap();
      await consumer.start();
      await waitFor('every event consumed', () => consumer.stats.processed >= NATIONAL_DAY, 100_000);
      const consumeMs = lap();
      const rate = (ms: number): number => Math.round((NATIONAL_DAY * 1000) / ms);
      // Informational: the figures size the pipeline on this machine.
      process.stdout.write(
        `${NATIONAL_DAY} events: writeOutbox ${writeMs} ms (${rate(writeMs)}/s), relay ${publishMs} ms (${rate(publishMs)}/s), ` +
          `consumer incl. group join ${consumeMs} ms (${rate(consumeMs)}/s)\n`,
      );
      // With the relay stopped nothing more can be published: once the group has committed past the last message of
      // every partition, a duplicate published or a wrongly uncommitted offset would have been handled by now.
      await relay.stop();
      await waitUntilCommittedPast(kafka, groupId, await lastMessages(kafka, topic));
      expect(relay.stats.published).toBe(NATIONAL_DAY);
      expect(consumer.stats).toEqual({ processed: NATIONAL_DAY, duplicates: 0, deadLettered: 0, refusedByDatabase: 0, failedBatches: 0 });
      const [{ count, distinct }] = (await consumerDb.dataSource.query(
        `SELECT count(*)::int AS count, count(DISTINCT message_id)::int AS distinct FROM "${consumerDb.schema}"."received"`,
      )) as [{ count: number; distinct: number }];
      expect({ count, distinct }).toEqual({ count: NATIONAL_DAY, distinct: NATIONAL_DAY });
      expect(seen.get(eventIds[0]!)).toEqual({
        journeyRef: 'J-0',
        type: 'journey.stage-changed',
        version: '1',
        correlationId: 'corr-batch-0',
      });
      expect(seen.get(eventIds[NATIONAL_DAY - 1]!)?.correlationId).toBe(`corr-batch-${NATIONAL_DAY - 500}`);
    } finally {
      await relay.stop();
      await consumer.stop();
    }
  });
});
