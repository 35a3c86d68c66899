import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@easi/persistence';
import { createTaskTables, dropTaskTables } from '@easi/tasks';

/** The screening service's task inbox (the journey's screening and eligibility task). */
export class EligibilityTasks1764300000000 implements MigrationInterface {
  name = 'EligibilityTasks1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTaskTables(queryRunner, schemaOf(queryRunner));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTaskTables(queryRunner, schemaOf(queryRunner));
  }
}
