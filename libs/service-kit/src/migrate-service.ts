import { databaseEnv, loadConfig } from '@easi/config';
import { createDataSource, runMigrations, type ClassType } from '@easi/persistence';

export type ServiceSchemaDefinition = {
  name: string;
  schema: string;
  entities: ClassType[];
  migrations: ClassType[];
};

/** Applies a service's pending migrations (the `migrate` Nx target of each service). */
export const migrateService = async (
  service: ServiceSchemaDefinition,
  env: Record<string, string | undefined> = process.env,
): Promise<string[]> => {
  const config = loadConfig(databaseEnv, env);
  const dataSource = createDataSource({
    url: config.DATABASE_URL,
    schema: service.schema,
    entities: service.entities,
    migrations: service.migrations,
    applicationName: `easi-${service.name}-migrate`,
    poolSize: 1,
  });
  await dataSource.initialize();
  try {
    return await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
};

/** Entry point body for `src/migrate.ts`: prints what was applied, exits non-zero with the reason on failure. */
export const runMigrateCli = (service: ServiceSchemaDefinition): void => {
  migrateService(service).then(
    (applied) => {
      process.stdout.write(`${service.name}: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`${service.name}: migrations failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
};
