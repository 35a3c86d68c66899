import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { databaseEnv, loadConfig } from '@easi/config';
import { schemaOf } from './create-data-source';
import { PersistenceModule } from './persistence.module';

const { DATABASE_URL } = loadConfig(databaseEnv);

class CreateThing1764000000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "${schemaOf(queryRunner)}"."thing" (id int PRIMARY KEY)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${schemaOf(queryRunner)}"."thing"`);
  }
}

describe('PersistenceModule (real Postgres)', () => {
  const schema = `persistence_module_${randomBytes(4).toString('hex')}`;

  it('should provide an initialised DataSource on boot and destroy it on shutdown', async () => {
    @Module({
      imports: [
        PersistenceModule.forRoot({
          url: DATABASE_URL,
          schema,
          entities: [],
          migrations: [CreateThing1764000000001],
          runMigrationsOnBoot: true,
        }),
      ],
    })
    class AppModule {}

    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    const dataSource = app.get(DataSource);
    expect(dataSource.isInitialized).toBe(true);
    const [{ ok }]: { ok: boolean }[] = await dataSource.query(`SELECT to_regclass('"${schema}"."thing"') IS NOT NULL AS ok`);
    expect(ok).toBe(true);
    await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    await app.close();
    expect(dataSource.isInitialized).toBe(false);
  });
});
