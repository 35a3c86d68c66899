import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@easi/persistence';

/**
 * Supervisors' eligibility overrides: who, when, why, what changed, the rules' own result and the
 * overridden one. Append-only: a trigger refuses UPDATE and DELETE, so a later view is a new row.
 */
export class EligibilityOverrides1764610000000 implements MigrationInterface {
  name = 'EligibilityOverrides1764610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const S = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${S}"."eligibility_override" (
        "id" uuid NOT NULL,
        "task_id" uuid NOT NULL,
        "journey_ref" text NOT NULL,
        "target" text NOT NULL,
        "from_result" text NOT NULL,
        "to_result" text NOT NULL,
        "reason" text NOT NULL,
        "overridden_by" text NOT NULL,
        "overridden_by_roles" text[] NOT NULL,
        "overridden_at" timestamptz NOT NULL,
        "rules_outcome" text NOT NULL,
        "final_outcome" text NOT NULL,
        "risk_level" text NOT NULL,
        "facts" jsonb NOT NULL,
        "rules_result" jsonb NOT NULL,
        "overridden_result" jsonb NOT NULL,
        "correlation_id" text,
        "recorded_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_eligibility_override" PRIMARY KEY ("id"),
        CONSTRAINT "ck_eligibility_override_reason" CHECK (length(btrim("reason")) > 0),
        CONSTRAINT "ck_eligibility_override_high_risk" CHECK ("risk_level" NOT IN ('high', 'very-high') OR "final_outcome" = 'ineligible')
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_eligibility_override_journey" ON "${S}"."eligibility_override" ("journey_ref", "overridden_at")`,
    );
    await queryRunner.query(`
      CREATE FUNCTION "${S}"."eligibility_override_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'eligibility_override is append-only: record a new override instead';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "tr_eligibility_override_append_only" BEFORE UPDATE OR DELETE ON "${S}"."eligibility_override"
      FOR EACH ROW EXECUTE FUNCTION "${S}"."eligibility_override_append_only"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const S = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE "${S}"."eligibility_override"`);
    await queryRunner.query(`DROP FUNCTION "${S}"."eligibility_override_append_only"()`);
  }
}
