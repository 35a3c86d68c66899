import { Global, Inject, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource } from './create-data-source';
import type { CreateDataSourceOptions } from './create-data-source';
import { runMigrations } from './run-migrations';

export type PersistenceModuleOptions = CreateDataSourceOptions & {
  /** Apply pending migrations (under the advisory lock) before the app finishes booting. */
  runMigrationsOnBoot?: boolean;
};

const openDataSource = async (options: PersistenceModuleOptions): Promise<DataSource> => {
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  if (options.runMigrationsOnBoot) {
    await runMigrations(dataSource);
  }
  return dataSource;
};

/**
 * Provides the service's `DataSource` everywhere (global), initialised during boot and destroyed
 * on application shutdown — after other modules' onModuleDestroy hooks, so consumers and relays
 * can finish their transactions first.
 */
@Global()
@Module({})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(options: PersistenceModuleOptions): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [{ provide: DataSource, useFactory: () => openDataSource(options) }],
      exports: [DataSource],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) {
      await this.dataSource.destroy();
    }
  }
}
