export * from './bootstrap';
export * from './health.controller';
export * from './kafka.module';
export * from './migrate-service';
export * from './outbox-relay.host';
export * from './run-service';
export * from './service-core.module';
export * from './zod-validation.pipe';
