import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import {
  codecServerConfigSchema,
  databaseEnv,
  envVarNames,
  kafkaEnv,
  loadConfig,
  loggingEnv,
  serviceConfigSchema,
  temporalEnv,
} from '@easi/config';
import { ALL_TOPICS, SEARCH_ATTRIBUTES, TEMPORAL_NAMESPACE } from '@easi/contracts';

// No Docker engine runs here: this checks the compose file statically with the docker-compose
// binary (Debian's v1 package, or v2), against the names in @easi/contracts and @easi/config.

const REPO_ROOT = resolve(__dirname, '..', '..');
const COMPOSE_FILE = join(REPO_ROOT, 'docker-compose.yml');

const SERVICE_PORTS = { screening: 3001, referral: 3002, intervention: 3003, 'victim-support': 3004 } as const;
const JOURNEY_WORKER = 'journey-worker';

type ComposeService = {
  image?: string;
  build?: { context: string; dockerfile?: string };
  command?: string[];
  environment?: Record<string, string | null>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: ({ published: number | string; target: number } | string)[];
};
type ComposeConfig = { services: Record<string, ComposeService> };

// Variables interpolated in the file (LOG_LEVEL) must come from the file's defaults, not from the test run.
const composeEnv = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.LOG_LEVEL;
  return env;
};

const compose = (...args: string[]): string => {
  try {
    return execFileSync('docker-compose', ['-f', COMPOSE_FILE, ...args], {
      cwd: REPO_ROOT,
      env: composeEnv(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string; stdout?: string };
    if (failure.code === 'ENOENT') {
      throw new Error('docker-compose is not installed; install it with: apt-get install docker-compose');
    }
    throw new Error(`docker-compose ${args.join(' ')} failed:\n${failure.stderr ?? ''}${failure.stdout ?? ''}`);
  }
};

/** The interpreter docker-compose v1 runs on (its shebang), which is sure to have PyYAML. */
const composePython = (): string => {
  const binary = execFileSync('sh', ['-c', 'command -v docker-compose'], { encoding: 'utf8' }).trim();
  const shebang = /^#!\s*(\S*python\S*)/.exec(readFileSync(binary, 'utf8').split('\n', 1)[0]);
  return shebang ? shebang[1] : 'python3';
};

/** The resolved configuration as JSON: v2 prints it itself; v1 prints YAML, read with the PyYAML v1 itself runs on. */
const resolvedConfig = (): ComposeConfig => {
  const version = compose('version', '--short').trim();
  if (Number(version.split('.')[0]) >= 2) {
    return JSON.parse(compose('config', '--format', 'json')) as ComposeConfig;
  }
  const json = execFileSync(composePython(), ['-c', 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'], {
    input: compose('config'),
    encoding: 'utf8',
  });
  return JSON.parse(json) as ComposeConfig;
};

const envOf = (service: ComposeService): Record<string, string> =>
  Object.fromEntries(Object.entries(service.environment ?? {}).map(([name, value]) => [name, value ?? '']));

const publishedPorts = (service: ComposeService): number[] =>
  (service.ports ?? []).map((port) => (typeof port === 'string' ? Number(port.split(':')[0]) : Number(port.published)));

const workerSchema = z.object({ ...databaseEnv.shape, ...kafkaEnv.shape, ...temporalEnv.shape, ...loggingEnv.shape });

describe('docker-compose.yml', () => {
  let config: ComposeConfig;

  beforeAll(() => {
    config = resolvedConfig();
  });

  it('should pass docker-compose config -q when validated', () => {
    expect(() => compose('config', '-q')).not.toThrow();
  });

  it('should define the infrastructure, the dev issuer, every service and the journey worker when read', () => {
    expect(Object.keys(config.services).sort()).toEqual(
      [
        'postgres',
        'temporal',
        'temporal-setup',
        'temporal-ui',
        'kafka',
        'kafka-setup',
        'dev-issuer',
        ...Object.keys(SERVICE_PORTS),
        JOURNEY_WORKER,
        'codec-server',
      ].sort(),
    );
  });

  describe.each(Object.entries(SERVICE_PORTS))('service %s', (name, port) => {
    it('should set every variable of serviceConfigSchema when the container starts', () => {
      const env = envOf(config.services[name]);
      const missing = envVarNames(serviceConfigSchema(port)).filter((variable) => !env[variable]?.trim());
      expect(missing).toEqual([]);
    });

    it('should hold values that loadConfig accepts, on its own port, when the container starts', () => {
      const loaded = loadConfig(serviceConfigSchema(port), envOf(config.services[name]));
      expect(loaded.HTTP_PORT).toBe(port);
      expect(loaded.TEMPORAL_NAMESPACE).toBe(TEMPORAL_NAMESPACE);
      expect(loaded.AUTH_JWKS_URL).toBe('http://dev-issuer:3000/.well-known/jwks.json');
      expect(publishedPorts(config.services[name])).toEqual([port]);
    });

    it('should migrate and then start its own entry points when run', () => {
      const command = config.services[name].command?.join(' ') ?? '';
      const migrate = `services/${name}/src/migrate.ts`;
      const main = `services/${name}/src/main.ts`;
      expect(command).toMatch(new RegExp(`node -r \\./tools/register\\.js ${migrate} && exec node -r \\./tools/register\\.js ${main}`));
      expect([migrate, main].filter((file) => !existsSync(join(REPO_ROOT, file)))).toEqual([]);
    });

    it('should wait for healthy Postgres and the dev issuer and for finished Kafka and Temporal setup when starting', () => {
      expect(config.services[name].depends_on).toEqual({
        postgres: { condition: 'service_healthy' },
        'dev-issuer': { condition: 'service_healthy' },
        'kafka-setup': { condition: 'service_completed_successfully' },
        'temporal-setup': { condition: 'service_completed_successfully' },
      });
      expect(config.services[name].healthcheck?.test.join(' ')).toContain('/health');
    });
  });

  describe('journey worker', () => {
    it('should set every variable the worker reads and no HTTP or auth variables when the container starts', () => {
      const env = envOf(config.services[JOURNEY_WORKER]);
      expect(envVarNames(workerSchema).filter((variable) => !env[variable]?.trim())).toEqual([]);
      expect(() => loadConfig(workerSchema, env)).not.toThrow();
      expect(Object.keys(env).filter((variable) => variable === 'HTTP_PORT' || variable.startsWith('AUTH_'))).toEqual([]);
    });

    it('should run the worker entry point when started', () => {
      expect(config.services[JOURNEY_WORKER].command).toEqual(['node', '-r', './tools/register.js', 'workflows/worker/src/main.ts']);
      expect(existsSync(join(REPO_ROOT, 'workflows/worker/src/main.ts'))).toBe(true);
    });
  });

  describe('codec server', () => {
    it('should set what the codec server reads with the key the services use when the container starts', () => {
      const env = envOf(config.services['codec-server']);
      expect(envVarNames(codecServerConfigSchema).filter((variable) => !env[variable]?.trim())).toEqual([]);
      const loaded = loadConfig(codecServerConfigSchema, env);
      expect(loaded.HTTP_PORT).toBe(8234);
      expect(env.TEMPORAL_PAYLOAD_KEYS).toBe(envOf(config.services.screening).TEMPORAL_PAYLOAD_KEYS);
      expect(env.TEMPORAL_PAYLOAD_KEYS).toBe(envOf(config.services[JOURNEY_WORKER]).TEMPORAL_PAYLOAD_KEYS);
      expect(publishedPorts(config.services['codec-server'])).toEqual([8234]);
      expect(config.services['codec-server'].command).toEqual(['node', '-r', './tools/register.js', 'tools/codec-server.ts']);
    });

    it('should point the Temporal UI at the codec server as the browser reaches it when up', () => {
      expect(envOf(config.services['temporal-ui']).TEMPORAL_CODEC_ENDPOINT).toBe('http://localhost:8234/codec');
      expect(loadConfig(codecServerConfigSchema, envOf(config.services['codec-server'])).CODEC_ALLOWED_ORIGINS).toContain(
        'http://localhost:8233',
      );
    });
  });

  it('should build every node container from docker/app.Dockerfile when built', () => {
    for (const name of ['dev-issuer', JOURNEY_WORKER, 'codec-server', ...Object.keys(SERVICE_PORTS)]) {
      expect({ name, build: config.services[name].build }).toEqual({
        name,
        build: { context: REPO_ROOT, dockerfile: 'docker/app.Dockerfile' },
      });
    }
    expect(existsSync(join(REPO_ROOT, 'docker/app.Dockerfile'))).toBe(true);
  });

  it('should sign with the issuer and audience the services expect when the dev issuer runs', () => {
    const issuer = envOf(config.services['dev-issuer']);
    const screening = envOf(config.services.screening);
    expect({ issuer: issuer.AUTH_ISSUER, audience: issuer.AUTH_AUDIENCE }).toEqual({
      issuer: screening.AUTH_ISSUER,
      audience: screening.AUTH_AUDIENCE,
    });
    expect(issuer.AUTH_DEV_ISSUER_PORT).toBe('3000');
    expect(issuer.AUTH_DEV_ISSUER_HOST).toBe('0.0.0.0');
  });

  it('should register exactly the search attributes of @easi/contracts in namespace easi when Temporal is set up', () => {
    const setup = config.services['temporal-setup'];
    expect([...(setup.command ?? [])].sort()).toEqual(
      Object.entries(SEARCH_ATTRIBUTES)
        .map(([name, type]) => `${name}=${type}`)
        .sort(),
    );
    expect(envOf(setup).TEMPORAL_NAMESPACE).toBe(TEMPORAL_NAMESPACE);
    expect(setup.depends_on).toEqual({ temporal: { condition: 'service_healthy' } });
  });

  it('should create exactly the topics of ALL_TOPICS when Kafka is set up', () => {
    const setup = config.services['kafka-setup'];
    expect([...(setup.command ?? [])].sort()).toEqual([...ALL_TOPICS].sort());
    expect(setup.depends_on).toEqual({ kafka: { condition: 'service_healthy' } });
  });

  it('should run Temporal on the Postgres container and expose the UI on 8233 when up', () => {
    expect(envOf(config.services.temporal)).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres' });
    expect(publishedPorts(config.services['temporal-ui'])).toEqual([8233]);
    expect(config.services['temporal-ui'].ports).toEqual([expect.objectContaining({ target: 8080 })]);
  });

  it('should give every long-running infrastructure container a healthcheck when up', () => {
    const missing = ['postgres', 'temporal', 'kafka', 'dev-issuer'].filter((name) => !config.services[name].healthcheck);
    expect(missing).toEqual([]);
  });
});
