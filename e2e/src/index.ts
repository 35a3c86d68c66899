export * from './http';
export * from './platform';
export * from './journey-platform';
export * from './temporal';
export * from './screening-days';
