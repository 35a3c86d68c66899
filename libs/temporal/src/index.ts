export * from './correlation-interceptors';
export * from './temporal-client';
export * from './temporal.module';
export * from './activity-worker.module';
