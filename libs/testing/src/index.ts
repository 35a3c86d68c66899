export * from './kafka-tap';
export * from './platform-processes';
export * from './samples';
export * from './wait-for';
