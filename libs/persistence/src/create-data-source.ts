import { DataSource } from 'typeorm';
import type { QueryRunner } from 'typeorm';

/** Any class: entities and migrations are passed to TypeORM as their constructors. */
export type ClassType = abstract new (...args: never[]) => unknown;

export type CreateDataSourceOptions = {
  url: string;
  /** The service's own Postgres schema; entities, migrations and the migrations table live here. */
  schema: string;
  entities: ClassType[];
  migrations: ClassType[];
  /** Shows in pg_stat_activity, so operators can tell which process holds a connection. */
  applicationName?: string;
  poolSize?: number;
};

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export const assertSchemaName = (schema: string): void => {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`Invalid Postgres schema name "${schema}": use lower-case letters, digits and _`);
  }
};

/**
 * A TypeORM Postgres DataSource bound to one service schema. The schema is never synchronised:
 * changes go through reviewed migrations run by runMigrations. Sessions use UTC and put the
 * service schema first on the search path, so raw SQL in migrations and repositories resolves
 * unqualified names to the service's own tables.
 */
export const createDataSource = (opts: CreateDataSourceOptions): DataSource => {
  assertSchemaName(opts.schema);
  return new DataSource({
    type: 'postgres',
    url: opts.url,
    schema: opts.schema,
    entities: opts.entities,
    migrations: opts.migrations,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'all',
    applicationName: opts.applicationName,
    poolSize: opts.poolSize,
    extra: { options: `-c TimeZone=UTC -c search_path=${opts.schema},public` },
  });
};

/** The schema of the DataSource a migration runs on, so migration SQL never hard-codes it. */
export const schemaOf = (queryRunner: QueryRunner): string => {
  const { schema } = queryRunner.connection.options as { schema?: string };
  if (schema === undefined) {
    throw new Error('DataSource has no schema: create it with createDataSource');
  }
  return schema;
};
