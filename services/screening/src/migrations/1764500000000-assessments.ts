import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@easi/persistence';

/** Risk assessments: every version kept (a correction is a new row with its reason), raw answers and computed scores. */
export class Assessments1764500000000 implements MigrationInterface {
  name = 'Assessments1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const S = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${S}"."assessment_version" (
        "assessment_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "instrument" text NOT NULL,
        "definition_version" text NOT NULL,
        "subject_ref" text NOT NULL,
        "assessor" text NOT NULL,
        "assessed_at" timestamptz NOT NULL,
        "document" jsonb NOT NULL,
        "recorded_by" text NOT NULL,
        "recorded_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_assessment_version" PRIMARY KEY ("assessment_id", "version")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_assessment_version_subject" ON "${S}"."assessment_version" ("subject_ref", "assessed_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const S = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE "${S}"."assessment_version"`);
  }
}
