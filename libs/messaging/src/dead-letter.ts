import type { KafkaMessage, Message } from 'kafkajs';
import { KAFKA_HEADERS } from '@easi/contracts';

/** Longest reason header. */
export const MAX_DEAD_LETTER_REASON_LENGTH = 1000;

/**
 * The dead-letter twin of a message: its key, value and headers unchanged, plus the reason and
 * where it came from, under the same header names IdempotentConsumer writes.
 */
export const deadLetterMessage = (
  message: KafkaMessage,
  reason: string,
  source: { topic: string; partition: number; groupId: string },
): Message => ({
  key: message.key,
  value: message.value,
  headers: {
    ...message.headers,
    [KAFKA_HEADERS.deadLetterReason]: reason.slice(0, MAX_DEAD_LETTER_REASON_LENGTH),
    [KAFKA_HEADERS.deadLetterSourceTopic]: source.topic,
    [KAFKA_HEADERS.deadLetterSourcePartition]: String(source.partition),
    [KAFKA_HEADERS.deadLetterSourceOffset]: message.offset,
    [KAFKA_HEADERS.deadLetterConsumerGroup]: source.groupId,
  },
});
