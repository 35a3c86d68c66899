import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@easi/messaging';
import { schemaOf } from '@easi/persistence';

export class Initial1764100000000 implements MigrationInterface {
  name = 'Initial1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const SCHEMA = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${SCHEMA}"."referral_case" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "case_ref" text NOT NULL,
        "journey_ref" text NOT NULL,
        "person_ref" text NOT NULL,
        "police_area" text NOT NULL,
        "relationship_to_victim" text NOT NULL,
        "victim_refs" jsonb NOT NULL,
        "source_event_id" text NOT NULL,
        "opened_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_referral_case" PRIMARY KEY ("id"),
        CONSTRAINT "uq_referral_case_journey_ref" UNIQUE ("journey_ref"),
        CONSTRAINT "uq_referral_case_case_ref" UNIQUE ("case_ref")
      )`);
    await createMessagingTables(queryRunner, SCHEMA);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const SCHEMA = schemaOf(queryRunner);
    await dropMessagingTables(queryRunner, SCHEMA);
    await queryRunner.query(`DROP TABLE "${SCHEMA}"."referral_case"`);
  }
}
