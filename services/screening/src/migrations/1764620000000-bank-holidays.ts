import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@easi/persistence';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from '../bank-holidays/bank-holiday-seed';

/**
 * Bank holidays as reference data: not working days for the daily screening (the Schedule skips
 * them and the catch-up does not count them as missed). A day withdrawn by a supervisor is kept
 * with `observed = false`, so the table says what the calendar was and who changed it.
 */
export class BankHolidays1764620000000 implements MigrationInterface {
  name = 'BankHolidays1764620000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const S = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${S}"."bank_holiday" (
        "day" date NOT NULL,
        "name" text NOT NULL,
        "region" text NOT NULL DEFAULT 'england-and-wales',
        "observed" boolean NOT NULL DEFAULT true,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "updated_by" text NOT NULL DEFAULT 'seed',
        CONSTRAINT "pk_bank_holiday" PRIMARY KEY ("day")
      )`);
    for (const h of ENGLAND_AND_WALES_BANK_HOLIDAYS) {
      await queryRunner.query(`INSERT INTO "${S}"."bank_holiday" ("day", "name") VALUES ($1, $2) ON CONFLICT DO NOTHING`, [h.day, h.name]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const S = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE "${S}"."bank_holiday"`);
  }
}
