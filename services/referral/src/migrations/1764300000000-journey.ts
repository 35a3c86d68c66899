import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@easi/persistence';
import { createTaskTables, dropTaskTables } from '@easi/tasks';

/** The journey issue: task inbox, closure of referral cases, cross-agency alerts. */
export class Journey1764300000000 implements MigrationInterface {
  name = 'Journey1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const SCHEMA = schemaOf(queryRunner);
    await createTaskTables(queryRunner, SCHEMA);
    await queryRunner.query(
      `ALTER TABLE "${SCHEMA}"."referral_case" ADD COLUMN "outcome" text, ADD COLUMN "closure_reason" text, ADD COLUMN "closed_at" timestamptz`,
    );
    await queryRunner.query(`
      CREATE TABLE "${SCHEMA}"."alert" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "alert_id" text NOT NULL,
        "journey_ref" text NOT NULL,
        "kind" text NOT NULL,
        "audiences" jsonb NOT NULL,
        "summary" text NOT NULL,
        "raised_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_alert" PRIMARY KEY ("id"),
        CONSTRAINT "uq_alert_alert_id" UNIQUE ("alert_id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const SCHEMA = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE "${SCHEMA}"."alert"`);
    await queryRunner.query(
      `ALTER TABLE "${SCHEMA}"."referral_case" DROP COLUMN "outcome", DROP COLUMN "closure_reason", DROP COLUMN "closed_at"`,
    );
    await dropTaskTables(queryRunner, SCHEMA);
  }
}
