import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@easi/persistence';

/**
 * The people whose data a read or decision returned or touched, beside its subject: a read of a
 * crime report, a review task, the day's screening list or an assessment shows suspects and
 * victims, and a person's access log must list it. GIN-indexed for "every row that names this
 * person". Rows written before this migration name their people only through their subject.
 */
export class AuditPersonRefs1764710000000 implements MigrationInterface {
  name = 'AuditPersonRefs1764710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const S = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE "${S}"."audit_log" ADD COLUMN "person_refs" text[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_person_refs" ON "${S}"."audit_log" USING gin ("person_refs")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const S = schemaOf(queryRunner);
    await queryRunner.query(`DROP INDEX "${S}"."ix_audit_log_person_refs"`);
    await queryRunner.query(`ALTER TABLE "${S}"."audit_log" DROP COLUMN "person_refs"`);
  }
}
