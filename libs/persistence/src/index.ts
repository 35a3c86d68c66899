export { assertSchemaName, createDataSource, schemaOf } from './create-data-source';
export type { ClassType, CreateDataSourceOptions } from './create-data-source';
export { runMigrations } from './run-migrations';
export { databaseHealth } from './database-health';
export { PersistenceModule } from './persistence.module';
export type { PersistenceModuleOptions } from './persistence.module';
