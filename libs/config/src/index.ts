export { ConfigError } from './config-error';
export { loadConfig, envVarNames } from './load-config';
export {
  LOCAL_DEFAULTS,
  LOG_LEVELS,
  authEnv,
  databaseEnv,
  httpEnv,
  kafkaEnv,
  loggingEnv,
  serviceConfigSchema,
  temporalEnv,
} from './env-schemas';
export type { LogLevel, ServiceConfig } from './env-schemas';
