import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@easi/persistence';

/**
 * Where each bank holiday row came from: 'seed' (the 2025–2027 list of the first migration),
 * 'computed' (the service's rolling horizon of regular holidays) or 'supervisor' (added, renamed or
 * withdrawn through the API). The horizon fill inserts only missing days, so a supervisor's row is
 * never overwritten. Existing rows keep their meaning: a seeded row nobody touched stays 'seed';
 * any other row was written through the API. The default is 'supervisor' so an instance still
 * running the previous code, which does not name a source, records its API writes correctly.
 */
export class BankHolidaySource1764640000000 implements MigrationInterface {
  name = 'BankHolidaySource1764640000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const S = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE "${S}"."bank_holiday" ADD COLUMN "source" text NOT NULL DEFAULT 'supervisor'`);
    await queryRunner.query(`UPDATE "${S}"."bank_holiday" SET "source" = 'seed' WHERE "updated_by" = 'seed'`);
    await queryRunner.query(
      `ALTER TABLE "${S}"."bank_holiday" ADD CONSTRAINT "ck_bank_holiday_source" CHECK ("source" IN ('seed', 'computed', 'supervisor'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const S = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE "${S}"."bank_holiday" DROP COLUMN "source"`);
  }
}
