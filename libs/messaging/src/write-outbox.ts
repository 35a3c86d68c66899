import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { currentCorrelationId } from '@easi/logging';
import { OutboxMessageEntity } from './entities/outbox-message.entity';

export type OutboxMessage = {
  topic: string;
  /** Kafka key: the journey reference. */
  key: string;
  eventType: string;
  schemaVersion: number;
  /** A JSON object (or array); serialised as the Kafka message value. */
  payload: unknown;
  /** Defaults to a new uuid; pass the envelope's eventId when the payload carries one. */
  eventId?: string;
  /** Defaults to the correlation id of the current request or message. */
  correlationId?: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Records an event for publication. Call it with the transaction's manager, next to the state
 * change it announces: both commit or neither does, so no event is lost or invented.
 * After the transaction commits, `relay.wake()` publishes it without waiting for the next poll.
 */
export const writeOutbox = async (manager: EntityManager, msg: OutboxMessage): Promise<string> => {
  const eventId = msg.eventId ?? randomUUID();
  if (!UUID.test(eventId)) {
    throw new Error(`writeOutbox: eventId must be a uuid, got "${eventId}"`);
  }
  if (msg.topic.trim() === '' || msg.key.trim() === '' || msg.eventType.trim() === '') {
    throw new Error('writeOutbox: topic, key and eventType must be non-empty');
  }
  if (!Number.isInteger(msg.schemaVersion) || msg.schemaVersion < 1) {
    throw new Error(`writeOutbox: schemaVersion must be a positive integer, got ${msg.schemaVersion}`);
  }
  const payload = msg.payload;
  if (typeof payload !== 'object' || payload === null) {
    throw new Error('writeOutbox: payload must be a JSON object or array');
  }
  await manager
    .createQueryBuilder()
    .insert()
    .into(OutboxMessageEntity)
    .values({
      id: eventId,
      topic: msg.topic,
      messageKey: msg.key,
      eventType: msg.eventType,
      schemaVersion: msg.schemaVersion,
      correlationId: msg.correlationId ?? currentCorrelationId() ?? null,
      payload,
    })
    .updateEntity(false)
    .execute();
  return eventId;
};
