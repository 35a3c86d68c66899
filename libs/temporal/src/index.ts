export * from './correlation-interceptors';
export * from './temporal-client';
export * from './temporal.module';
export * from './activity-worker.module';
export * from './encryption-codec';
export * from './data-converter';
export * from './payload-json';
export * from './codec-server';
