import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadOrCreateDevPayloadKeys } from '@easi/config';
import { TEMPORAL_NAMESPACE } from '@easi/contracts';

/** The long-running processes of the local stack, in start order for display. */
export const COMPONENTS = ['postgres', 'kafka', 'temporal', 'dev-issuer'] as const;
export type Component = (typeof COMPONENTS)[number];

export const isComponent = (value: string): value is Component => (COMPONENTS as readonly string[]).includes(value);

export const VERSIONS = {
  temporalCli: '1.5.1',
  temporalServer: '1.29.1',
  temporalTestServer: '1.31.0',
  kafka: '3.9.1',
  postgres: '15',
} as const;

/** Every port of the stack, the variable that moves it and its default. */
export const PORT_VARS = {
  postgres: { envVar: 'EASI_PG_PORT', defaultPort: 5432, what: 'PostgreSQL' },
  kafka: { envVar: 'EASI_KAFKA_PORT', defaultPort: 9092, what: 'Kafka broker' },
  kafkaController: { envVar: 'EASI_KAFKA_CONTROLLER_PORT', defaultPort: 19093, what: 'Kafka KRaft controller' },
  temporal: { envVar: 'EASI_TEMPORAL_PORT', defaultPort: 7233, what: 'Temporal frontend (gRPC)' },
  temporalUi: { envVar: 'EASI_TEMPORAL_UI_PORT', defaultPort: 8233, what: 'Temporal Web UI' },
  devIssuer: { envVar: 'AUTH_DEV_ISSUER_PORT', defaultPort: 3000, what: 'dev JWT issuer' },
  /** Not a stack component: `npm start` runs the codec server here and the dev server's UI calls it. */
  codecServer: { envVar: 'EASI_CODEC_SERVER_PORT', defaultPort: 8234, what: 'Temporal codec server (UI payload decryption)' },
} as const;
export type PortName = keyof typeof PORT_VARS;
export type Ports = Record<PortName, number>;

export type StackConfig = {
  repoRoot: string;
  cacheDir: string;
  stateDir: string;
  runDir: string;
  logDir: string;
  ports: Ports;
  host: '127.0.0.1';
  /** Postgres binaries (initdb, postgres, pg_ctl) of the Debian package unless EASI_PG_BIN_DIR says otherwise. */
  pgBinDir: string;
};

export type Env = Record<string, string | undefined>;

/** infra/src → repository root; works under swc-node and Jest alike. */
export const REPO_ROOT = resolve(__dirname, '..', '..');

const parsePort = (env: Env, name: PortName): number => {
  const { envVar, defaultPort } = PORT_VARS[name];
  const raw = env[envVar];
  if (raw === undefined || raw.trim() === '') return defaultPort;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${envVar}=${raw} is not a TCP port: use a whole number between 1 and 65535`);
  }
  return port;
};

/** Reads the stack's settings from the environment (pure: pass any env to test it). */
export const loadStackConfig = (env: Env = process.env, repoRoot: string = REPO_ROOT): StackConfig => {
  const home = env['HOME'] || homedir();
  const cacheDir = resolve(env['EASI_CACHE_DIR'] || join(home, '.cache', 'easi'));
  const stateDir = resolve(env['EASI_STATE_DIR'] || join(repoRoot, '.easi'));
  const ports = Object.fromEntries((Object.keys(PORT_VARS) as PortName[]).map((name) => [name, parsePort(env, name)])) as Ports;
  const seen = new Map<number, PortName>();
  for (const name of Object.keys(ports) as PortName[]) {
    const other = seen.get(ports[name]);
    if (other) {
      throw new Error(
        `${PORT_VARS[name].envVar} and ${PORT_VARS[other].envVar} are both ${ports[name]}: every port of the stack must differ`,
      );
    }
    seen.set(ports[name], name);
  }
  return {
    repoRoot,
    cacheDir,
    stateDir,
    runDir: join(stateDir, 'run'),
    logDir: join(stateDir, 'logs'),
    ports,
    host: '127.0.0.1',
    pgBinDir: env['EASI_PG_BIN_DIR'] || `/usr/lib/postgresql/${VERSIONS.postgres}/bin`,
  };
};

/** Where provisioned tools live inside the cache (versions are checked by markers, not by directory names). */
export const toolPaths = (cfg: StackConfig) => {
  const testServerDir = join(cfg.cacheDir, 'temporal-test-server');
  return {
    binDir: join(cfg.cacheDir, 'bin'),
    temporalCli: join(cfg.cacheDir, 'bin', 'temporal'),
    kafkaLib: join(cfg.cacheDir, 'kafka', 'lib'),
    testServerDir,
    testServerLib: join(testServerDir, 'lib'),
    testServerWrapper: join(testServerDir, 'bin', 'temporal-test-server'),
    mavenDir: join(cfg.repoRoot, 'infra', 'maven'),
  };
};

export const logFile = (cfg: StackConfig, name: string): string => join(cfg.logDir, `${name}.log`);
export const pidFile = (cfg: StackConfig, component: Component): string => join(cfg.runDir, `${component}.pid`);

/** Where every service finds this stack (names fixed by the conventions); `servicesEnv` adds the payload key. */
export const stackEnv = (cfg: StackConfig): Record<string, string> => ({
  DATABASE_URL: `postgres://easi:easi@${cfg.host}:${cfg.ports.postgres}/easi`,
  KAFKA_BROKERS: `${cfg.host}:${cfg.ports.kafka}`,
  TEMPORAL_ADDRESS: `${cfg.host}:${cfg.ports.temporal}`,
  TEMPORAL_NAMESPACE,
  AUTH_JWKS_URL: `http://${cfg.host}:${cfg.ports.devIssuer}/.well-known/jwks.json`,
  AUTH_ISSUER: 'easi-dev-issuer',
  AUTH_AUDIENCE: 'easi',
});

/**
 * Every variable services read, pointing at this stack: `stackEnv` plus TEMPORAL_PAYLOAD_KEYS, the
 * development payload key generated once into the state directory (`<state>/temporal-payload-keys`).
 */
export const servicesEnv = (cfg: StackConfig): Record<string, string> => ({
  ...stackEnv(cfg),
  TEMPORAL_PAYLOAD_KEYS: loadOrCreateDevPayloadKeys(cfg.stateDir),
});

/** The codec server's URL as the browser (Temporal UI) and `temporal --codec-endpoint` reach it. */
export const codecServerUrl = (cfg: StackConfig): string => `http://${cfg.host}:${cfg.ports.codecServer}/codec`;
