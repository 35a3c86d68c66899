import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrCreateDevPayloadKeys } from '@easi/config';

export type AppDefinition = { name: string; entry: string; port?: number; portEnv?: string };

/** The processes `npm start` runs besides the stack: the four services and the journey worker. */
export const APPS: AppDefinition[] = [
  { name: 'screening', entry: 'services/screening/src/main.ts', port: 3001, portEnv: 'SCREENING_PORT' },
  { name: 'referral', entry: 'services/referral/src/main.ts', port: 3002, portEnv: 'REFERRAL_PORT' },
  { name: 'intervention', entry: 'services/intervention/src/main.ts', port: 3003, portEnv: 'INTERVENTION_PORT' },
  { name: 'victim-support', entry: 'services/victim-support/src/main.ts', port: 3004, portEnv: 'VICTIM_SUPPORT_PORT' },
  { name: 'journey-worker', entry: 'workflows/worker/src/main.ts' },
];

/** The Temporal codec server `npm start` runs beside the apps (not in APPS: suites and benches start APPS on their own ports). */
export const CODEC_SERVER_APP: AppDefinition = {
  name: 'codec-server',
  entry: 'tools/codec-server.ts',
  port: 8234,
  portEnv: 'EASI_CODEC_SERVER_PORT',
};

/**
 * `env` with TEMPORAL_PAYLOAD_KEYS: as given, else the local stack's dev key from the state
 * directory (EASI_STATE_DIR, default `<root>/.easi`; created if absent), so an app started by a
 * test run without the stack's environment still shares the key of every other local process.
 */
export const withPayloadKeys = (root: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv =>
  env.TEMPORAL_PAYLOAD_KEYS?.trim()
    ? env
    : { ...env, TEMPORAL_PAYLOAD_KEYS: loadOrCreateDevPayloadKeys(env.EASI_STATE_DIR?.trim() || join(root, '.easi')) };

export const appPort = (app: AppDefinition, env: NodeJS.ProcessEnv = process.env): number | undefined =>
  app.port === undefined ? undefined : Number(env[app.portEnv ?? ''] ?? app.port);

export type RunningApp = { app: AppDefinition; child: ChildProcess; logFile: string; port?: number };

/** Starts one app as a child process; its output goes to a log file (and the console when `echo`). */
export const startApp = (root: string, app: AppDefinition, env: NodeJS.ProcessEnv, logDir: string, echo: boolean): RunningApp => {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${app.name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const port = appPort(app, env);
  const child = spawn(process.execPath, ['--enable-source-maps', '-r', join(root, 'tools/register.js'), join(root, app.entry)], {
    cwd: root,
    env: { ...withPayloadKeys(root, env), ...(port !== undefined ? { HTTP_PORT: String(port) } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      if (echo) process.stdout.write(chunk.toString().replace(/^(?=.)/gm, `[${app.name}] `));
    });
  }
  child.on('exit', () => log.end());
  return { app, child, logFile, ...(port !== undefined ? { port } : {}) };
};

/** Polls GET /health until 200 or the deadline; readiness by probing, never by sleeping blindly. */
export const waitForHealth = async (url: string, timeoutMs: number, isAlive: () => boolean): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`process exited before ${url} was ready`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(4000) });
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} not ready after ${timeoutMs / 1000} s: ${last}`);
};

export const stopApp = async (running: RunningApp, graceMs = 10_000): Promise<void> => {
  const { child } = running;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
};
