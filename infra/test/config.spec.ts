import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePayloadKeys } from '@easi/config';
import { loadStackConfig, servicesEnv, stackEnv, toolPaths } from '../src/config';

describe('loadStackConfig', () => {
  it('should use the default ports, cache and state dirs when the environment sets nothing', () => {
    const cfg = loadStackConfig({ HOME: '/home/dev' }, '/repo');
    expect(cfg.ports).toEqual({
      postgres: 5432,
      kafka: 9092,
      kafkaController: 19093,
      temporal: 7233,
      temporalUi: 8233,
      devIssuer: 3000,
      codecServer: 8234,
    });
    expect(cfg.cacheDir).toBe('/home/dev/.cache/easi');
    expect(cfg.stateDir).toBe('/repo/.easi');
    expect(cfg.runDir).toBe('/repo/.easi/run');
    expect(cfg.logDir).toBe('/repo/.easi/logs');
  });

  it('should move every port and dir when the variables are set', () => {
    const cfg = loadStackConfig(
      {
        EASI_CACHE_DIR: '/c',
        EASI_STATE_DIR: '/s',
        EASI_PG_PORT: '15432',
        EASI_KAFKA_PORT: '19092',
        EASI_KAFKA_CONTROLLER_PORT: '29093',
        EASI_TEMPORAL_PORT: '17233',
        EASI_TEMPORAL_UI_PORT: '18233',
        AUTH_DEV_ISSUER_PORT: '13000',
        EASI_CODEC_SERVER_PORT: '18234',
      },
      '/repo',
    );
    expect(cfg.ports).toEqual({
      postgres: 15432,
      kafka: 19092,
      kafkaController: 29093,
      temporal: 17233,
      temporalUi: 18233,
      devIssuer: 13000,
      codecServer: 18234,
    });
    expect(cfg.cacheDir).toBe('/c');
    expect(cfg.stateDir).toBe('/s');
  });

  it('should name the variable when a port is not a number', () => {
    expect(() => loadStackConfig({ EASI_KAFKA_PORT: 'nine' }, '/repo')).toThrow('EASI_KAFKA_PORT=nine is not a TCP port');
  });

  it('should refuse two components on one port when variables collide', () => {
    expect(() => loadStackConfig({ EASI_TEMPORAL_UI_PORT: '7233' }, '/repo')).toThrow(
      'EASI_TEMPORAL_UI_PORT and EASI_TEMPORAL_PORT are both 7233',
    );
  });
});

describe('stackEnv', () => {
  it('should point the services at this stack when ports are moved', () => {
    const cfg = loadStackConfig(
      { EASI_PG_PORT: '15432', EASI_KAFKA_PORT: '19092', EASI_TEMPORAL_PORT: '17233', AUTH_DEV_ISSUER_PORT: '13000' },
      '/repo',
    );
    expect(stackEnv(cfg)).toEqual({
      DATABASE_URL: 'postgres://easi:easi@127.0.0.1:15432/easi',
      KAFKA_BROKERS: '127.0.0.1:19092',
      TEMPORAL_ADDRESS: '127.0.0.1:17233',
      TEMPORAL_NAMESPACE: 'easi',
      AUTH_JWKS_URL: 'http://127.0.0.1:13000/.well-known/jwks.json',
      AUTH_ISSUER: 'easi-dev-issuer',
      AUTH_AUDIENCE: 'easi',
    });
  });
});

describe('servicesEnv', () => {
  it('should add a dev payload key generated once into the state dir when asked twice', () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'easi-state-'));
    try {
      const cfg = loadStackConfig({ EASI_STATE_DIR: stateDir }, '/repo');
      const first = servicesEnv(cfg);
      expect(first).toMatchObject(stackEnv(cfg));
      const parsed = parsePayloadKeys(first.TEMPORAL_PAYLOAD_KEYS ?? '');
      expect(parsed.ok && parsed.keys.map((k) => k.key.length)).toEqual([32]);
      expect(servicesEnv(cfg).TEMPORAL_PAYLOAD_KEYS).toBe(first.TEMPORAL_PAYLOAD_KEYS);
      expect(statSync(join(stateDir, 'temporal-payload-keys')).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});

describe('toolPaths', () => {
  it('should keep every tool inside the cache dir when resolved', () => {
    const tools = toolPaths(loadStackConfig({ EASI_CACHE_DIR: '/c' }, '/repo'));
    expect(tools.temporalCli).toBe('/c/bin/temporal');
    expect(tools.testServerWrapper).toBe('/c/temporal-test-server/bin/temporal-test-server');
    expect(tools.testServerLib).toBe('/c/temporal-test-server/lib');
    expect(tools.kafkaLib).toBe('/c/kafka/lib');
    expect(tools.mavenDir).toBe('/repo/infra/maven');
  });
});
