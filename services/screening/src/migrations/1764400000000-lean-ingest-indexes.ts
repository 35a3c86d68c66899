import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@easi/persistence';

/**
 * Fewer index writes per ingested report: the day index holds only screened rows (a new report
 * has no day yet), and a party row needs no unique key (parties are written once, with the new
 * version they belong to) nor a report index (links start from the report's own parties).
 */
export class LeanIngestIndexes1764400000000 implements MigrationInterface {
  name = 'LeanIngestIndexes1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const S = schemaOf(queryRunner);
    await queryRunner.query(`DROP INDEX "${S}"."ix_crime_report_version_day"`);
    await queryRunner.query(
      `CREATE INDEX "ix_crime_report_version_day" ON "${S}"."crime_report_version" ("screening_day", "id") WHERE "screening_day" IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "${S}"."crime_report_party" DROP CONSTRAINT "pk_crime_report_party"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const S = schemaOf(queryRunner);
    await queryRunner.query(
      `ALTER TABLE "${S}"."crime_report_party" ADD CONSTRAINT "pk_crime_report_party" PRIMARY KEY ("report_ref", "version", "suspect_ref", "victim_ref")`,
    );
    await queryRunner.query(`DROP INDEX "${S}"."ix_crime_report_version_day"`);
    await queryRunner.query(`CREATE INDEX "ix_crime_report_version_day" ON "${S}"."crime_report_version" ("screening_day", "id")`);
  }
}
