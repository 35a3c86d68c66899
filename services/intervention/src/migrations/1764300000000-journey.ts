import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@easi/persistence';
import { createTaskTables, dropTaskTables } from '@easi/tasks';

/** The journey issue: psychology task inbox, fACT session records, episode progress and closure. */
export class Journey1764300000000 implements MigrationInterface {
  name = 'Journey1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const SCHEMA = schemaOf(queryRunner);
    await createTaskTables(queryRunner, SCHEMA);
    await queryRunner.query(
      `ALTER TABLE "${SCHEMA}"."intervention_episode" ADD COLUMN "sessions_attended" int NOT NULL DEFAULT 0, ADD COLUMN "closed_at" timestamptz`,
    );
    await queryRunner.query(`
      CREATE TABLE "${SCHEMA}"."fact_session" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "journey_ref" text NOT NULL,
        "session_number" int NOT NULL,
        "attempt" int NOT NULL,
        "outcome" text NOT NULL,
        "recorded_by" text NOT NULL,
        "recorded_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_fact_session" PRIMARY KEY ("id"),
        CONSTRAINT "uq_fact_session_attempt" UNIQUE ("journey_ref", "session_number", "attempt")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const SCHEMA = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE "${SCHEMA}"."fact_session"`);
    await queryRunner.query(`ALTER TABLE "${SCHEMA}"."intervention_episode" DROP COLUMN "sessions_attended", DROP COLUMN "closed_at"`);
    await dropTaskTables(queryRunner, SCHEMA);
  }
}
