import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { logFile, pidFile, stackEnv, type StackConfig } from '../config';
import { probeUntil } from '../probe';
import { livePid, spawnDetached } from '../proc';
import type { Driver } from './driver';

/** Written by libs/auth; relative to the repository root. */
export const DEV_ISSUER_ENTRY = 'libs/auth/src/dev-issuer/main.ts';

const baseUrl = (cfg: StackConfig): string => `http://${cfg.host}:${cfg.ports.devIssuer}`;

const expectOk = async (url: string): Promise<void> => {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
};

export const devIssuerDriver: Driver = {
  component: 'dev-issuer',
  title: 'dev JWT issuer',
  ports: ['devIssuer'],
  readyTimeoutMs: 30_000,
  stopGraceMs: 5_000,
  logFile: (cfg) => logFile(cfg, 'dev-issuer'),
  url: baseUrl,
  unavailable: (cfg) =>
    existsSync(join(cfg.repoRoot, DEV_ISSUER_ENTRY)) ? undefined : `${DEV_ISSUER_ENTRY} does not exist in this checkout yet`,
  missingTools: async () => undefined,
  ourPid: (cfg) => livePid(pidFile(cfg, 'dev-issuer'), [DEV_ISSUER_ENTRY]),
  start: async (cfg) => {
    mkdirSync(join(cfg.stateDir, 'dev-issuer'), { recursive: true });
    const env = stackEnv(cfg);
    return spawnDetached({
      command: process.execPath,
      args: ['-r', './tools/register.js', DEV_ISSUER_ENTRY],
      cwd: cfg.repoRoot,
      env: {
        ...process.env,
        AUTH_DEV_ISSUER_PORT: String(cfg.ports.devIssuer),
        EASI_STATE_DIR: cfg.stateDir,
        AUTH_ISSUER: env['AUTH_ISSUER'],
        AUTH_AUDIENCE: env['AUTH_AUDIENCE'],
      },
      logFile: logFile(cfg, 'dev-issuer'),
    });
  },
  ready: async (cfg, ctx) => {
    await probeUntil(() => expectOk(`${baseUrl(cfg)}/health`), {
      what: 'dev JWT issuer GET /health',
      timeoutMs: ctx.timeoutMs,
      gaveUp: ctx.gaveUp,
    });
    await expectOk(`${baseUrl(cfg)}/.well-known/jwks.json`);
  },
};
