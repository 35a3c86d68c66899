import { MigrationExecutor } from 'typeorm';
import type { DataSource } from 'typeorm';
import { schemaOf } from './create-data-source';

/** Namespaces the advisory lock so it cannot collide with locks taken for other purposes. */
const LOCK_PREFIX = 'easi.migrations.';

/**
 * Creates the service schema if missing and applies pending migrations in one transaction.
 * Two processes booting together (two replicas, or a service and a migration job) serialise on a
 * Postgres advisory lock keyed by the schema: the second waits, then finds nothing to do.
 * Returns the names of the migrations this call applied.
 */
export const runMigrations = async (dataSource: DataSource): Promise<string[]> => {
  if (!dataSource.isInitialized) {
    throw new Error('runMigrations needs an initialised DataSource');
  }
  const queryRunner = dataSource.createQueryRunner();
  const schema = schemaOf(queryRunner);
  await queryRunner.connect();
  try {
    await queryRunner.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [LOCK_PREFIX + schema]);
    try {
      await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      // The executor runs on the locked connection; a pool of one connection cannot deadlock.
      const executor = new MigrationExecutor(dataSource, queryRunner);
      executor.transaction = 'all';
      const applied = await executor.executePendingMigrations();
      return applied.map((migration) => migration.name);
    } finally {
      await queryRunner.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [LOCK_PREFIX + schema]);
    }
  } finally {
    await queryRunner.release();
  }
};
