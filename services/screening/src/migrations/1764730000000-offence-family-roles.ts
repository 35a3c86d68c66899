import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@easi/persistence';

/**
 * What each offence family means to screening, as reference data a supervisor can change (with a
 * reason, kept in offence_family_change) rather than sets in code:
 * - `starts_journey`: a custody event for it starts (or joins) the person's EASI journey;
 * - `course_of_conduct`: the offence is itself a course of conduct, so a hit suggests victim
 *   contact and an ISAC referral;
 * - `order_breach`: a breach of a protective order, so a hit suggests considering an interim or
 *   full Stalking Protection Order.
 * Seeded with what the code decided until now, so behaviour is unchanged by the migration.
 */
export class OffenceFamilyRoles1764730000000 implements MigrationInterface {
  name = 'OffenceFamilyRoles1764730000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const S = schemaOf(queryRunner);
    await queryRunner.query(
      `ALTER TABLE "${S}"."offence_family"
         ADD COLUMN "starts_journey" boolean NOT NULL DEFAULT false,
         ADD COLUMN "course_of_conduct" boolean NOT NULL DEFAULT false,
         ADD COLUMN "order_breach" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `UPDATE "${S}"."offence_family" SET "starts_journey" = true
       WHERE "family" IN ('stalking', 'harassment', 'harassment-fear-of-violence', 'racially-aggravated-harassment', 'breach-non-molestation-order', 'breach-community-resolution', 'breach-spo')`,
    );
    await queryRunner.query(
      `UPDATE "${S}"."offence_family" SET "course_of_conduct" = true
       WHERE "family" IN ('stalking', 'harassment', 'harassment-fear-of-violence', 'racially-aggravated-harassment', 'breach-spo', 'breach-non-molestation-order')`,
    );
    await queryRunner.query(
      `UPDATE "${S}"."offence_family" SET "order_breach" = true WHERE "family" IN ('breach-spo', 'breach-non-molestation-order')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "${schemaOf(queryRunner)}"."offence_family" DROP COLUMN "starts_journey", DROP COLUMN "course_of_conduct", DROP COLUMN "order_breach"`,
    );
  }
}
