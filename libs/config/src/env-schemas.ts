import { z } from 'zod';
import { TEMPORAL_NAMESPACE } from '@easi/contracts';
import { PAYLOAD_KEYS_FORMAT, parsePayloadKeys, type PayloadKey } from './payload-keys';

/** Defaults point at the local stack, so a service starts with no environment at all. */
export const LOCAL_DEFAULTS = {
  DATABASE_URL: 'postgres://easi:easi@127.0.0.1:5432/easi',
  KAFKA_BROKERS: '127.0.0.1:9092',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  TEMPORAL_NAMESPACE,
  AUTH_JWKS_URL: 'http://127.0.0.1:3000/.well-known/jwks.json',
  AUTH_ISSUER: 'easi-dev-issuer',
  AUTH_AUDIENCE: 'easi',
  LOG_LEVEL: 'info',
} as const;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const HOST_PORT = /^[A-Za-z0-9.-]+:([0-9]{1,5})$/;

const isHostPort = (value: string): boolean => {
  const match = HOST_PORT.exec(value);
  return match !== null && Number(match[1]) >= 1 && Number(match[1]) <= 65535;
};

const isUrlWithProtocol = (value: string, protocols: string[]): boolean => {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.hostname !== '';
  } catch {
    return false;
  }
};

const nonEmpty = (what: string) => z.string().trim().min(1, `must be a non-empty ${what}`);

export const databaseEnv = z.object({
  DATABASE_URL: z
    .string()
    .refine((v) => isUrlWithProtocol(v, ['postgres:', 'postgresql:']), 'must be a postgres://user:password@host:port/database URL')
    .default(LOCAL_DEFAULTS.DATABASE_URL),
});

export const kafkaEnv = z.object({
  KAFKA_BROKERS: z
    .string()
    .default(LOCAL_DEFAULTS.KAFKA_BROKERS)
    .transform((v) => v.split(',').map((b) => b.trim()))
    .refine((brokers) => brokers.length > 0 && brokers.every(isHostPort), 'must be host:port[,host:port]'),
});

export const temporalEnv = z.object({
  TEMPORAL_ADDRESS: z.string().refine(isHostPort, 'must be host:port').default(LOCAL_DEFAULTS.TEMPORAL_ADDRESS),
  TEMPORAL_NAMESPACE: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/, 'must be a Temporal namespace name (letters, digits, . _ -)')
    .default(LOCAL_DEFAULTS.TEMPORAL_NAMESPACE),
  /**
   * AES-256 keys for Temporal payloads: no default, a process must never fall back to a well-known
   * key. The local stack generates one (`npm run stack -- env` prints it).
   */
  TEMPORAL_PAYLOAD_KEYS: z.string({ error: `must be ${PAYLOAD_KEYS_FORMAT}` }).transform((value, ctx): PayloadKey[] => {
    const parsed = parsePayloadKeys(value);
    if (parsed.ok) return parsed.keys;
    for (const problem of parsed.problems) ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }),
});

export const authEnv = z.object({
  AUTH_JWKS_URL: z
    .string()
    .refine((v) => isUrlWithProtocol(v, ['http:', 'https:']), 'must be an http(s) URL of a JWKS document')
    .default(LOCAL_DEFAULTS.AUTH_JWKS_URL),
  AUTH_ISSUER: nonEmpty('issuer').default(LOCAL_DEFAULTS.AUTH_ISSUER),
  AUTH_AUDIENCE: nonEmpty('audience').default(LOCAL_DEFAULTS.AUTH_AUDIENCE),
});

export const loggingEnv = z.object({
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join('|')}` }).default(LOCAL_DEFAULTS.LOG_LEVEL),
});

export const httpEnv = (defaultPort: number) =>
  z.object({
    /** Bind address: loopback by default, 0.0.0.0 in containers. */
    HTTP_HOST: z
      .string()
      .regex(/^[A-Za-z0-9.:-]{1,253}$/, 'must be a bind address such as 127.0.0.1 or 0.0.0.0')
      .default('127.0.0.1'),
    HTTP_PORT: z
      .string()
      .regex(/^[0-9]{1,5}$/, 'must be a TCP port number 1-65535')
      .transform(Number)
      .refine((port) => port >= 1 && port <= 65535, 'must be a TCP port number 1-65535')
      .default(defaultPort),
  });

/** Everything a service process reads: the only environment variables services use. */
export const serviceConfigSchema = (defaultPort: number) =>
  z.object({
    ...databaseEnv.shape,
    ...kafkaEnv.shape,
    ...temporalEnv.shape,
    ...authEnv.shape,
    ...loggingEnv.shape,
    ...httpEnv(defaultPort).shape,
  });

export type ServiceConfig = z.infer<ReturnType<typeof serviceConfigSchema>>;

/** Port of the Temporal codec server (`npm start` runs it; the dev server's UI calls it). */
export const CODEC_SERVER_DEFAULT_PORT = 8234;

/** What the codec server reads: the payload keys, token verification, where it listens, which UI may call it. */
export const codecServerConfigSchema = z.object({
  TEMPORAL_PAYLOAD_KEYS: temporalEnv.shape.TEMPORAL_PAYLOAD_KEYS,
  ...authEnv.shape,
  ...loggingEnv.shape,
  ...httpEnv(CODEC_SERVER_DEFAULT_PORT).shape,
  /** Browser origins of the Temporal Web UI (CORS), comma-separated. */
  CODEC_ALLOWED_ORIGINS: z
    .string()
    .default('http://127.0.0.1:8233,http://localhost:8233')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o !== ''),
    )
    .refine(
      (origins) => origins.length > 0 && origins.every((o) => isUrlWithProtocol(o, ['http:', 'https:']) && new URL(o).origin === o),
      'must be origins such as http://127.0.0.1:8233[,https://temporal.example]',
    ),
});

export type CodecServerConfig = z.infer<typeof codecServerConfigSchema>;
