export * from './names';
export * from './search-attributes';
export * from './common';
export * from './events/custody-event.v1';
export * from './events/crime-report.v1';
export * from './notifications';
export * from './journey';
export * from './activities';
