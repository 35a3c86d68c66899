import { z } from 'zod';
import { ConfigError } from './config-error';
import { envVarNames, loadConfig } from './load-config';
import { codecServerConfigSchema, databaseEnv, kafkaEnv, loggingEnv, serviceConfigSchema, temporalEnv } from './env-schemas';
import { formatPayloadKeys, generatePayloadKey } from './payload-keys';

const payloadKey = generatePayloadKey('k1');
const KEYS = formatPayloadKeys([payloadKey]);

const captureError = (fn: () => unknown): ConfigError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('should return the local-stack defaults when the environment holds only the payload keys', () => {
    expect(loadConfig(serviceConfigSchema(3002), { TEMPORAL_PAYLOAD_KEYS: KEYS })).toEqual({
      DATABASE_URL: 'postgres://easi:easi@127.0.0.1:5432/easi',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'easi',
      TEMPORAL_PAYLOAD_KEYS: [payloadKey],
      AUTH_JWKS_URL: 'http://127.0.0.1:3000/.well-known/jwks.json',
      AUTH_ISSUER: 'easi-dev-issuer',
      AUTH_AUDIENCE: 'easi',
      LOG_LEVEL: 'info',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: 3002,
    });
  });

  it('should parse brokers into a list and the port into a number when they are valid', () => {
    const config = loadConfig(serviceConfigSchema(3001), {
      TEMPORAL_PAYLOAD_KEYS: KEYS,
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2.internal:19092',
      HTTP_PORT: '8080',
      LOG_LEVEL: 'debug',
      DATABASE_URL: 'postgresql://u:p@db.example:6543/x',
    });
    expect(config.KAFKA_BROKERS).toEqual(['kafka-1:9092', 'kafka-2.internal:19092']);
    expect(config.HTTP_PORT).toBe(8080);
    expect(config.LOG_LEVEL).toBe('debug');
    expect(config.DATABASE_URL).toBe('postgresql://u:p@db.example:6543/x');
  });

  it('should name every bad variable and why when several are invalid', () => {
    const error = captureError(() =>
      loadConfig(serviceConfigSchema(3001), {
        DATABASE_URL: 'mysql://nope',
        KAFKA_BROKERS: '127.0.0.1:9092,broken',
        TEMPORAL_ADDRESS: 'no-port',
        TEMPORAL_NAMESPACE: '!bad',
        AUTH_JWKS_URL: 'ftp://keys',
        LOG_LEVEL: 'loud',
        HTTP_PORT: '70000',
        HTTP_HOST: 'bad host',
        TEMPORAL_PAYLOAD_KEYS: 'k1:c2hvcnQ=',
      }),
    );
    expect(error.problems).toEqual([
      'AUTH_JWKS_URL: must be an http(s) URL of a JWKS document',
      'DATABASE_URL: must be a postgres://user:password@host:port/database URL',
      'HTTP_HOST: must be a bind address such as 127.0.0.1 or 0.0.0.0',
      'HTTP_PORT: must be a TCP port number 1-65535',
      'KAFKA_BROKERS: must be host:port[,host:port]',
      'LOG_LEVEL: must be one of fatal|error|warn|info|debug|trace',
      'TEMPORAL_ADDRESS: must be host:port',
      'TEMPORAL_NAMESPACE: must be a Temporal namespace name (letters, digits, . _ -)',
      'TEMPORAL_PAYLOAD_KEYS: key k1 must be 32 bytes in base64 (openssl rand -base64 32)',
    ]);
    for (const problem of error.problems) {
      expect(error.message).toContain(problem);
    }
    expect(error.message).toMatch(/^Invalid configuration \(9 problems\)/);
  });

  it('should treat an empty value as unset when a default exists', () => {
    expect(loadConfig(loggingEnv, { LOG_LEVEL: '  ' })).toEqual({ LOG_LEVEL: 'info' });
  });

  it('should say a variable is required when it has no default and is missing', () => {
    const schema = z.object({ ...databaseEnv.shape, SCREENING_SECRET: z.string().min(8, 'must be at least 8 characters') });
    expect(captureError(() => loadConfig(schema, {})).problems).toEqual(['SCREENING_SECRET: is required']);
    expect(captureError(() => loadConfig(schema, { SCREENING_SECRET: 'short' })).problems).toEqual([
      'SCREENING_SECRET: must be at least 8 characters',
    ]);
  });

  it('should ignore variables the schema does not read when the environment has extra keys', () => {
    expect(loadConfig(kafkaEnv, { PATH: '/usr/bin', KAFKA_BROKERS: 'k:1' })).toEqual({ KAFKA_BROKERS: ['k:1'] });
  });

  it('should accept an extended shape when a service adds its own variables', () => {
    const schema = serviceConfigSchema(3004).extend({ FEATURE_X: z.enum(['on', 'off']).default('off') });
    expect(loadConfig(schema, { FEATURE_X: 'on', TEMPORAL_PAYLOAD_KEYS: KEYS }).FEATURE_X).toBe('on');
    expect(loadConfig(schema, { TEMPORAL_PAYLOAD_KEYS: KEYS }).HTTP_PORT).toBe(3004);
  });
});

describe('envVarNames', () => {
  it('should list every variable a service reads when given the full service schema', () => {
    expect(envVarNames(serviceConfigSchema(3001)).sort()).toEqual([
      'AUTH_AUDIENCE',
      'AUTH_ISSUER',
      'AUTH_JWKS_URL',
      'DATABASE_URL',
      'HTTP_HOST',
      'HTTP_PORT',
      'KAFKA_BROKERS',
      'LOG_LEVEL',
      'TEMPORAL_ADDRESS',
      'TEMPORAL_NAMESPACE',
      'TEMPORAL_PAYLOAD_KEYS',
    ]);
  });
});

describe('TEMPORAL_PAYLOAD_KEYS', () => {
  const second = generatePayloadKey('k0');

  it('should list the keys in order, the first being the one that encrypts, when several are given', () => {
    const config = loadConfig(temporalEnv, { TEMPORAL_PAYLOAD_KEYS: ` ${formatPayloadKeys([payloadKey, second])} ` });
    expect(config.TEMPORAL_PAYLOAD_KEYS.map((k) => k.id)).toEqual(['k1', 'k0']);
    expect(config.TEMPORAL_PAYLOAD_KEYS[1]?.key.equals(second.key)).toBe(true);
  });

  it('should say it is required and what it looks like when it is missing', () => {
    expect(captureError(() => loadConfig(temporalEnv, {})).problems).toEqual([
      'TEMPORAL_PAYLOAD_KEYS: is required (must be keyId:base64key[,keyId:base64key...] (32-byte keys; the first encrypts, all decrypt))',
    ]);
  });

  it('should name each bad entry without echoing key material when entries are malformed', () => {
    const secret = Buffer.alloc(16, 7).toString('base64');
    const error = captureError(() =>
      loadConfig(temporalEnv, { TEMPORAL_PAYLOAD_KEYS: `nocolon,bad id:${KEYS.split(':')[1]},short:${secret},${KEYS},${KEYS}` }),
    );
    expect(error.problems).toEqual([
      'TEMPORAL_PAYLOAD_KEYS: entry 1 must be keyId:base64key; entry 2 has a bad key id (letters, digits, . _ -; at most 64); key short must be 32 bytes in base64 (openssl rand -base64 32); entry 5 repeats key id k1',
    ]);
    expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain(KEYS.split(':')[1]);
  });
});

describe('codecServerConfigSchema', () => {
  it('should listen on 8234 and allow the local UI origins when only the keys are set', () => {
    const config = loadConfig(codecServerConfigSchema, { TEMPORAL_PAYLOAD_KEYS: KEYS });
    expect(config.HTTP_PORT).toBe(8234);
    expect(config.CODEC_ALLOWED_ORIGINS).toEqual(['http://127.0.0.1:8233', 'http://localhost:8233']);
  });

  it('should refuse an origin with a path when the UI origins are set', () => {
    expect(
      captureError(() => loadConfig(codecServerConfigSchema, { TEMPORAL_PAYLOAD_KEYS: KEYS, CODEC_ALLOWED_ORIGINS: 'http://ui:8233/x' }))
        .problems,
    ).toEqual(['CODEC_ALLOWED_ORIGINS: must be origins such as http://127.0.0.1:8233[,https://temporal.example]']);
  });
});
