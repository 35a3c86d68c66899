import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { databaseEnv, loadConfig } from '@easi/config';
import { createDataSource, runMigrations, schemaOf } from '@easi/persistence';
import { MESSAGING_ENTITIES, createMessagingTables, dropMessagingTables } from '../src/messaging-tables';

export const { DATABASE_URL } = loadConfig(databaseEnv);

export const randomSuffix = (): string => randomBytes(4).toString('hex');

/** What a service's first migration looks like, plus a table the test handlers write to. */
export class InitMessaging1764000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await createMessagingTables(queryRunner, schema);
    await queryRunner.query(`CREATE TABLE "${schema}"."received" (message_id text PRIMARY KEY, topic text NOT NULL, correlation_id text)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE "${schema}"."received"`);
    await dropMessagingTables(queryRunner, schema);
  }
}

/** A throwaway schema with the messaging tables; `open()` gives another pool, like a second process. */
export const createTestSchema = async (prefix: string) => {
  const schema = `${prefix}_${randomSuffix()}`;
  const open = async (applicationName = 'messaging-test'): Promise<DataSource> => {
    const dataSource = createDataSource({
      url: DATABASE_URL,
      schema,
      entities: MESSAGING_ENTITIES,
      migrations: [InitMessaging1764000000000],
      applicationName,
      poolSize: 5,
    });
    return dataSource.initialize();
  };
  const dataSource = await open();
  await runMigrations(dataSource);
  const drop = async (): Promise<void> => {
    await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await dataSource.destroy();
  };
  return { schema, dataSource, open, drop };
};
