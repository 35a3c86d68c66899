import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@easi/messaging';
import { schemaOf } from '@easi/persistence';

export class Initial1764100000000 implements MigrationInterface {
  name = 'Initial1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const SCHEMA = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${SCHEMA}"."custody_event" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "event_id" text NOT NULL,
        "event_type" text NOT NULL,
        "custody_record_ref" text NOT NULL,
        "person_ref" text NOT NULL,
        "police_area" text NOT NULL,
        "occurred_at" timestamptz NOT NULL,
        "payload" jsonb NOT NULL,
        "journey_ref" text,
        "received_via" text NOT NULL,
        "received_at" timestamptz NOT NULL DEFAULT now(),
        "journey_notified_at" timestamptz,
        CONSTRAINT "pk_custody_event" PRIMARY KEY ("id"),
        CONSTRAINT "uq_custody_event_event_id" UNIQUE ("event_id"),
        CONSTRAINT "ck_custody_event_received_via" CHECK ("received_via" IN ('http', 'kafka'))
      )`);
    await queryRunner.query(`CREATE INDEX "ix_custody_event_person_ref" ON "${SCHEMA}"."custody_event" ("person_ref", "occurred_at")`);
    await createMessagingTables(queryRunner, SCHEMA);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const SCHEMA = schemaOf(queryRunner);
    await dropMessagingTables(queryRunner, SCHEMA);
    await queryRunner.query(`DROP TABLE "${SCHEMA}"."custody_event"`);
  }
}
