export { ConfigError } from './config-error';
export { loadConfig, envVarNames } from './load-config';
export {
  CODEC_SERVER_DEFAULT_PORT,
  LOCAL_DEFAULTS,
  LOG_LEVELS,
  authEnv,
  codecServerConfigSchema,
  databaseEnv,
  httpEnv,
  kafkaEnv,
  loggingEnv,
  serviceConfigSchema,
  temporalEnv,
} from './env-schemas';
export type { CodecServerConfig, LogLevel, ServiceConfig } from './env-schemas';
export { PAYLOAD_KEYS_FORMAT, PAYLOAD_KEY_BYTES, formatPayloadKeys, generatePayloadKey, parsePayloadKeys } from './payload-keys';
export type { ParsedPayloadKeys, PayloadKey } from './payload-keys';
export { devPayloadKeysFile, loadOrCreateDevPayloadKeys } from './dev-payload-keys';
