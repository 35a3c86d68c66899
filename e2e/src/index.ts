export * from './http';
export * from './platform';
export * from './journey-platform';
export * from './temporal';
