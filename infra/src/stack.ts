import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { devIssuerDriver } from './components/dev-issuer';
import type { Driver, Progress } from './components/driver';
import { kafkaDriver } from './components/kafka';
import { postgresDriver } from './components/postgres';
import { temporalDriver } from './components/temporal';
import {
  codecServerUrl,
  COMPONENTS,
  loadStackConfig,
  PORT_VARS,
  pidFile,
  servicesEnv,
  stackEnv,
  type Component,
  type StackConfig,
} from './config';
import { combineErrors, errorText, INFRA_CLI, StepError } from './errors';
import { assertPortsFree, isPortOpen } from './ports';
import { withLock } from './lock';
import { ProbeTimeout } from './probe';
import { formatDuration, isAlive, tail, terminate, writeFileAtomic } from './proc';

export const DRIVERS: Record<Component, Driver> = {
  postgres: postgresDriver,
  kafka: kafkaDriver,
  temporal: temporalDriver,
  'dev-issuer': devIssuerDriver,
};

export type StackInfo = {
  /** The variables services read, pointing at this stack. */
  env: Record<string, string>;
  urls: Record<string, string>;
  logs: Record<string, string>;
};

export type StackOptions = {
  components?: Component[];
  onProgress?: (line: string) => void;
};

export type ComponentState = 'up' | 'down' | 'unavailable';
export type ComponentStatus = {
  component: Component;
  state: ComponentState;
  pid?: number;
  url: string;
  log: string;
  detail?: string;
};

export const defaultProgress: Progress = (line) => process.stdout.write(`[infra] ${line}\n`);

const stackLock = (cfg: StackConfig): string => join(cfg.runDir, 'stack.lock');

const metaFile = (cfg: StackConfig, component: Component): string => join(cfg.runDir, `${component}.json`);

type RunMeta = { pid: number; ports: Record<string, number>; startedAt: string };

const readMeta = (cfg: StackConfig, component: Component): RunMeta | undefined => {
  try {
    return JSON.parse(readFileSync(metaFile(cfg, component), 'utf8')) as RunMeta;
  } catch {
    return undefined;
  }
};

const portsOf = (cfg: StackConfig, driver: Driver): Record<string, number> =>
  Object.fromEntries(driver.ports.map((name) => [PORT_VARS[name].envVar, cfg.ports[name]]));

/** Ports a running server was started with that differ from what the environment asks for now. */
export const portDrift = (started: Record<string, number>, wanted: Record<string, number>): string[] =>
  Object.entries(wanted)
    .filter(([envVar, port]) => started[envVar] !== undefined && started[envVar] !== port)
    .map(([envVar, port]) => `${envVar}=${port} but it runs on ${started[envVar]}`);

export const stackInfo = (cfg: StackConfig): StackInfo => ({
  env: servicesEnv(cfg),
  urls: {
    postgres: postgresDriver.url(cfg),
    kafka: kafkaDriver.url(cfg),
    temporal: temporalDriver.url(cfg),
    temporalUi: `http://${cfg.host}:${cfg.ports.temporalUi}`,
    devIssuer: devIssuerDriver.url(cfg),
    jwks: stackEnv(cfg)['AUTH_JWKS_URL'] ?? '',
    codecServer: codecServerUrl(cfg),
  },
  logs: Object.fromEntries(COMPONENTS.map((c) => [c, DRIVERS[c].logFile(cfg)])),
});

const failure = (cfg: StackConfig, driver: Driver, error: unknown): StepError => {
  if (error instanceof StepError) return error;
  const log = driver.logFile(cfg);
  const lastLines = tail(log, 12);
  return new StepError(
    `${driver.title} start`,
    `${errorText(error)}${lastLines ? `\n  Last lines of its log:\n    ${lastLines.split('\n').join('\n    ')}` : ''}`,
    error instanceof ProbeTimeout
      ? `read the log; then \`${INFRA_CLI} stop ${driver.component}\` and \`${INFRA_CLI} start\` again`
      : 'read the log and fix what it names, then start again',
    log,
  );
};

type StartOutcome = 'started' | 'running' | 'skipped';

const startOne = async (cfg: StackConfig, driver: Driver, log: Progress): Promise<StartOutcome> => {
  const name = driver.component;
  const reason = driver.unavailable?.(cfg);
  if (reason) {
    log(`${name}: skipped, ${reason}`);
    return 'skipped';
  }
  const running = driver.ourPid(cfg);
  if (running !== undefined) {
    const drift = portDrift(readMeta(cfg, name)?.ports ?? {}, portsOf(cfg, driver));
    if (drift.length > 0) {
      throw new StepError(
        `${driver.title} start`,
        `already running (pid ${running}) with other ports: ${drift.join('; ')}`,
        `stop it first (\`${INFRA_CLI} stop ${name}\`) or use the ports it runs on`,
      );
    }
    await driver.ready(cfg, { justStarted: false, pid: running, timeoutMs: 10_000, gaveUp: () => undefined, log });
    log(`${name}: already running (pid ${running})`);
    return 'running';
  }
  const missing = await driver.missingTools(cfg);
  if (missing) {
    throw new StepError(`${driver.title} start`, missing, `run \`${INFRA_CLI} provision\` first (or provision() from @easi/infra)`);
  }
  await assertPortsFree(driver.ports, cfg.ports, cfg.stateDir);
  await driver.prepare?.(cfg, log);
  const started = Date.now();
  const pid = await driver.start(cfg, log);
  writeFileAtomic(pidFile(cfg, name), `${pid}\n`);
  writeFileAtomic(
    metaFile(cfg, name),
    JSON.stringify({ pid, ports: portsOf(cfg, driver), startedAt: new Date().toISOString() } satisfies RunMeta),
  );
  await driver.ready(cfg, {
    justStarted: true,
    pid,
    timeoutMs: driver.readyTimeoutMs,
    gaveUp: () => (isAlive(pid) ? undefined : `the process (pid ${pid}) exited`),
    log,
  });
  log(`${name}: ready (pid ${pid}, ${formatDuration(Date.now() - started)})`);
  return 'started';
};

export const printStackInfo = (info: StackInfo, log: Progress): void => {
  log('environment for services:');
  for (const [key, value] of Object.entries(info.env))
    log(`  ${key}=${key === 'TEMPORAL_PAYLOAD_KEYS' ? '<dev key, see `npm run stack -- env`>' : value}`);
  log('urls:');
  for (const [key, value] of Object.entries(info.urls)) log(`  ${key}: ${value}`);
  log('logs:');
  for (const [key, value] of Object.entries(info.logs)) log(`  ${key}: ${value}`);
};

/**
 * Starts every component that is not running yet (in parallel), waits until each passes a real
 * readiness check, creates the contract topics, and returns how to reach the stack.
 */
export const startStack = async (opts: StackOptions = {}): Promise<StackInfo> => {
  const cfg = loadStackConfig();
  const log = opts.onProgress ?? defaultProgress;
  const components = opts.components ?? [...COMPONENTS];
  mkdirSync(cfg.runDir, { recursive: true });
  mkdirSync(cfg.logDir, { recursive: true });
  const started = Date.now();
  const results = await withLock(stackLock(cfg), 'stack start/stop', log, () =>
    Promise.allSettled(components.map((c) => startOne(cfg, DRIVERS[c], log))),
  );
  const errors = results.flatMap((r, i) => (r.status === 'rejected' ? [failure(cfg, DRIVERS[components[i] as Component], r.reason)] : []));
  if (errors.length > 0) throw combineErrors('Stack start', errors);
  const info = stackInfo(cfg);
  printStackInfo(info, log);
  log(`stack ready in ${formatDuration(Date.now() - started)} (state: ${cfg.stateDir})`);
  return info;
};

const stopOne = async (cfg: StackConfig, driver: Driver, log: Progress): Promise<void> => {
  const pid = driver.ourPid(cfg);
  if (pid === undefined) {
    log(`${driver.component}: not running`);
  } else {
    const started = Date.now();
    if (driver.stop) await driver.stop(cfg, pid, log);
    const killed = isAlive(pid) ? await terminate(pid, driver.stopGraceMs) : false;
    log(
      `${driver.component}: stopped (pid ${pid}, ${formatDuration(Date.now() - started)}${killed ? `, killed after ${driver.stopGraceMs / 1000} s grace` : ''})`,
    );
  }
  rmSync(pidFile(cfg, driver.component), { force: true });
  rmSync(metaFile(cfg, driver.component), { force: true });
};

/** Stops our processes: SIGTERM, then SIGKILL after a grace period; Postgres with `pg_ctl stop -m fast`. */
export const stopStack = async (opts: StackOptions = {}): Promise<void> => {
  const cfg = loadStackConfig();
  const log = opts.onProgress ?? defaultProgress;
  const components = opts.components ?? [...COMPONENTS];
  const results = await withLock(stackLock(cfg), 'stack start/stop', log, () =>
    Promise.allSettled(components.map((c) => stopOne(cfg, DRIVERS[c], log))),
  );
  const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`${components[i]}: ${errorText(r.reason)}`] : []));
  if (failed.length > 0) {
    throw new StepError('Stack stop', failed.join('; '), `check the processes with \`${INFRA_CLI} status\` and stop what is left by pid`);
  }
};

const statusOf = async (cfg: StackConfig, driver: Driver): Promise<ComponentStatus> => {
  const base = { component: driver.component, url: driver.url(cfg), log: driver.logFile(cfg) };
  const reason = driver.unavailable?.(cfg);
  if (reason) return { ...base, state: 'unavailable', detail: reason };
  const pid = driver.ourPid(cfg);
  const port = cfg.ports[driver.ports[0] ?? 'postgres'];
  const open = await isPortOpen(port);
  if (pid === undefined) {
    return { ...base, state: 'down', ...(open ? { detail: `port ${port} is held by a process that is not this stack's` } : {}) };
  }
  return open ? { ...base, state: 'up', pid } : { ...base, state: 'down', pid, detail: `process alive but port ${port} is closed` };
};

/** Per component: up (our process alive and its port open), down, or unavailable in this checkout. */
export const stackStatus = async (): Promise<Record<Component, ComponentStatus>> => {
  const cfg = loadStackConfig();
  const statuses = await Promise.all(COMPONENTS.map((c) => statusOf(cfg, DRIVERS[c])));
  return Object.fromEntries(statuses.map((s) => [s.component, s])) as Record<Component, ComponentStatus>;
};
