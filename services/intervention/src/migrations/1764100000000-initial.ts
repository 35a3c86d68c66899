import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@easi/messaging';
import { schemaOf } from '@easi/persistence';

export class Initial1764100000000 implements MigrationInterface {
  name = 'Initial1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const SCHEMA = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${SCHEMA}"."intervention_episode" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "journey_ref" text NOT NULL,
        "participant_ref" text NOT NULL,
        "status" text NOT NULL,
        "opened_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_intervention_episode" PRIMARY KEY ("id"),
        CONSTRAINT "uq_intervention_episode_journey_ref" UNIQUE ("journey_ref")
      )`);
    await createMessagingTables(queryRunner, SCHEMA);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const SCHEMA = schemaOf(queryRunner);
    await dropMessagingTables(queryRunner, SCHEMA);
    await queryRunner.query(`DROP TABLE "${SCHEMA}"."intervention_episode"`);
  }
}
