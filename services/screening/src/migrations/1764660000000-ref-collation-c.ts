import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@easi/persistence';

/**
 * Pseudonymous references compare byte by byte. The database's collation (C.UTF-8) sends every
 * comparison through the C library's strcoll; an ingested report inserts its refs into four
 * B-tree indexes at about twenty comparisons each, so a national day spent a fifth of its
 * Postgres time collating ASCII refs. Under "C" the order of these refs is unchanged (they are
 * ASCII, and C.UTF-8 orders by code point too) and equality is the same; only the work is less.
 * The indexes on these columns are rebuilt; the rows are not rewritten. Changing a column's type
 * drops its statistics: the tables are analysed again at once, or the planner guesses the link
 * lookups of the next screening run wrong (a day's chunk ran for minutes instead of milliseconds).
 */
export class RefCollationC1764660000000 implements MigrationInterface {
  name = 'RefCollationC1764660000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.collate(queryRunner, '"C"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.collate(queryRunner, 'pg_catalog."default"');
  }

  private async collate(queryRunner: QueryRunner, collation: string): Promise<void> {
    const S = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE "${S}"."crime_report_version" ALTER COLUMN "report_ref" TYPE text COLLATE ${collation}`);
    await queryRunner.query(
      `ALTER TABLE "${S}"."crime_report_party"
         ALTER COLUMN "report_ref" TYPE text COLLATE ${collation},
         ALTER COLUMN "suspect_ref" TYPE text COLLATE ${collation},
         ALTER COLUMN "victim_ref" TYPE text COLLATE ${collation}`,
    );
    await queryRunner.query(`ANALYZE "${S}"."crime_report_version", "${S}"."crime_report_party"`);
  }
}
