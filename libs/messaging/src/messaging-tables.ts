import type { QueryRunner } from 'typeorm';
import { assertSchemaName } from '@easi/persistence';
import { OutboxMessageEntity } from './entities/outbox-message.entity';
import { PROCESSED_MESSAGE_UNIQUE, ProcessedMessageEntity } from './entities/processed-message.entity';

/** Register these with the service's DataSource alongside its own entities. */
export const MESSAGING_ENTITIES = [OutboxMessageEntity, ProcessedMessageEntity];

/**
 * The SQL behind MESSAGING_ENTITIES, in one place. Each service's first migration calls it:
 * `await createMessagingTables(queryRunner, schemaOf(queryRunner))`.
 */
export const createMessagingTables = async (queryRunner: QueryRunner, schema: string): Promise<void> => {
  assertSchemaName(schema);
  await queryRunner.query(`
    CREATE TABLE "${schema}"."outbox" (
      "id" uuid NOT NULL,
      "seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
      "topic" character varying(249) NOT NULL,
      "message_key" character varying(255) NOT NULL,
      "event_type" character varying(120) NOT NULL,
      "schema_version" integer NOT NULL,
      "correlation_id" character varying(128),
      "payload" jsonb NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "published_at" TIMESTAMP WITH TIME ZONE,
      "attempts" integer NOT NULL DEFAULT 0,
      "last_error" text,
      CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
    )`);
  await queryRunner.query(`CREATE INDEX "outbox_unpublished_idx" ON "${schema}"."outbox" ("seq") WHERE published_at IS NULL`);
  await queryRunner.query(`
    CREATE TABLE "${schema}"."processed_message" (
      "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
      "consumer_group" character varying(255) NOT NULL,
      "message_id" character varying(255) NOT NULL,
      "topic" character varying(249) NOT NULL,
      "partition" integer NOT NULL,
      "offset" bigint NOT NULL,
      "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "processed_message_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "${PROCESSED_MESSAGE_UNIQUE}" UNIQUE ("consumer_group", "message_id")
    )`);
};

export const dropMessagingTables = async (queryRunner: QueryRunner, schema: string): Promise<void> => {
  assertSchemaName(schema);
  await queryRunner.query(`DROP TABLE IF EXISTS "${schema}"."processed_message"`);
  await queryRunner.query(`DROP TABLE IF EXISTS "${schema}"."outbox"`);
};
