import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * The quoted, schema-qualified table of an entity in this DataSource. Resolved on first use because
 * TypeORM builds metadata only when the DataSource is initialised.
 */
export const qualifiedTable = (dataSource: DataSource, entity: EntityTarget<ObjectLiteral>): string => {
  const metadata = dataSource.getMetadata(entity);
  return metadata.schema ? `"${metadata.schema}"."${metadata.tableName}"` : `"${metadata.tableName}"`;
};
