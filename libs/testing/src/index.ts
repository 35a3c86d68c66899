export * from './kafka-tap';
export * from './platform-processes';
export * from './samples';
export * from './wait-for';
export * from './eligible-facts';
export * from './journey-driver';
export * from './task-inbox-client';
