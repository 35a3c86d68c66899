import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@easi/persistence';

/**
 * Every change a supervisor makes to an offence family, kept: who, when, why, and the fields before
 * and after. Screening's reference data decides what is screened daily, so a change is a decision
 * the programme must be able to account for (the row itself only holds the latest state).
 */
export class OffenceFamilyChanges1764720000000 implements MigrationInterface {
  name = 'OffenceFamilyChanges1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const S = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${S}"."offence_family_change" (
        "id" bigserial NOT NULL,
        "family" text NOT NULL,
        "changed_at" timestamptz NOT NULL DEFAULT now(),
        "changed_by" text NOT NULL,
        "roles" text[] NOT NULL,
        "reason" text NOT NULL,
        "before" jsonb NOT NULL,
        "after" jsonb NOT NULL,
        CONSTRAINT "pk_offence_family_change" PRIMARY KEY ("id"),
        CONSTRAINT "fk_offence_family_change_family" FOREIGN KEY ("family") REFERENCES "${S}"."offence_family" ("family")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_offence_family_change_family" ON "${S}"."offence_family_change" ("family", "changed_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${schemaOf(queryRunner)}"."offence_family_change"`);
  }
}
