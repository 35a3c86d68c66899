import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@easi/messaging';
import { schemaOf } from '@easi/persistence';

export class Initial1764100000000 implements MigrationInterface {
  name = 'Initial1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const SCHEMA = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${SCHEMA}"."isac_referral" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "journey_ref" text NOT NULL,
        "victim_ref" text NOT NULL,
        "police_case_ref" text NOT NULL,
        "police_area" text NOT NULL,
        "relationship_to_suspect" text NOT NULL,
        "status" text NOT NULL,
        "source_event_id" text NOT NULL,
        "identified_at" timestamptz NOT NULL,
        "received_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_isac_referral" PRIMARY KEY ("id"),
        CONSTRAINT "uq_isac_referral_journey_victim" UNIQUE ("journey_ref", "victim_ref")
      )`);
    await createMessagingTables(queryRunner, SCHEMA);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const SCHEMA = schemaOf(queryRunner);
    await dropMessagingTables(queryRunner, SCHEMA);
    await queryRunner.query(`DROP TABLE "${SCHEMA}"."isac_referral"`);
  }
}
