/**
 * The contracts a workflow bundle needs at run time, without zod. Temporal evaluates a bundle's
 * modules once per workflow (each has its own module cache), so every schema built at import time
 * costs memory per open journey. The journey worker's bundler maps `@easi/contracts` to this file;
 * workflow code keeps importing `@easi/contracts` (types come from the full index).
 */
export * from './names';
export * from './search-attributes';
export * from './journey';
export * from './task-names';
export * from './screening';
