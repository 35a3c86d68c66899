import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@easi/persistence';
import { createTaskTables, dropTaskTables } from '@easi/tasks';

/** The journey issue: the victim service's task inbox. */
export class Journey1764300000000 implements MigrationInterface {
  name = 'Journey1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTaskTables(queryRunner, schemaOf(queryRunner));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTaskTables(queryRunner, schemaOf(queryRunner));
  }
}
