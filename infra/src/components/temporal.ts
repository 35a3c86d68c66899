import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SEARCH_ATTRIBUTES, TEMPORAL_NAMESPACE } from '@easi/contracts';
import { codecServerUrl, logFile, pidFile, toolPaths, type StackConfig } from '../config';
import { probeUntil } from '../probe';
import { livePid, run, spawnDetached } from '../proc';
import type { Driver } from './driver';

export const temporalDbFile = (cfg: StackConfig): string => join(cfg.stateDir, 'temporal', 'temporal.db');

export type TemporalServerOptions = {
  dbFile: string;
  host: string;
  port: number;
  uiPort: number;
  namespace: string;
  searchAttributes: Record<string, string>;
  /** The codec server the Web UI asks to decrypt payloads (`npm start` runs it). */
  codecEndpoint?: string;
};

/**
 * `temporal server start-dev` arguments. SQLite in WAL mode with synchronous=normal survives a
 * crash of the server and doubles throughput over the defaults. Passing the search attributes
 * again on every start is fine: the dev server skips the ones already registered.
 */
export const temporalServerArgs = (o: TemporalServerOptions): string[] => [
  'server',
  'start-dev',
  '--db-filename',
  o.dbFile,
  '--sqlite-pragma',
  'journal_mode=wal',
  '--sqlite-pragma',
  'synchronous=normal',
  '--namespace',
  o.namespace,
  '--ip',
  o.host,
  '--port',
  String(o.port),
  '--ui-port',
  String(o.uiPort),
  '--log-level',
  'warn',
  ...(o.codecEndpoint ? ['--ui-codec-endpoint', o.codecEndpoint] : []),
  ...Object.entries(o.searchAttributes).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]),
];

/** Names in `wanted` that `temporal operator search-attribute list -o json` does not list as custom attributes. */
export const missingSearchAttributes = (listed: string, wanted: Record<string, string>): string[] => {
  const parsed = JSON.parse(listed) as { customAttributes?: Record<string, string> };
  const present = new Set(Object.keys(parsed.customAttributes ?? {}));
  return Object.keys(wanted).filter((name) => !present.has(name));
};

/** One `search-attribute create` argument list per type (the CLI takes one --type per call). */
export const createSearchAttributeArgs = (names: string[], types: Record<string, string>): string[][] => {
  const byType = new Map<string, string[]>();
  for (const name of names) {
    const type = types[name] ?? 'Keyword';
    byType.set(type, [...(byType.get(type) ?? []), name]);
  }
  return [...byType].map(([type, group]) => [
    'operator',
    'search-attribute',
    'create',
    ...group.flatMap((name) => ['--name', name]),
    '--type',
    type,
  ]);
};

const cliAddress = (cfg: StackConfig): string[] => ['--address', `${cfg.host}:${cfg.ports.temporal}`, '--namespace', TEMPORAL_NAMESPACE];

/** Runs the CLI and turns a non-zero exit into an error carrying its output. */
const cli = async (cfg: StackConfig, args: string[]): Promise<string> => {
  const result = await run({ command: toolPaths(cfg).temporalCli, args: [...args, ...cliAddress(cfg), '--command-timeout', '5s'] });
  if (result.code !== 0) throw new Error(result.output.trim().split('\n').slice(-1)[0] || `temporal exited ${result.code}`);
  return result.output;
};

export const temporalDriver: Driver = {
  component: 'temporal',
  title: 'Temporal dev server',
  ports: ['temporal', 'temporalUi'],
  readyTimeoutMs: 60_000,
  stopGraceMs: 15_000,
  logFile: (cfg) => logFile(cfg, 'temporal'),
  url: (cfg) => `${cfg.host}:${cfg.ports.temporal}`,
  missingTools: async (cfg) =>
    existsSync(toolPaths(cfg).temporalCli) ? undefined : `the Temporal CLI is not built yet (${toolPaths(cfg).temporalCli})`,
  ourPid: (cfg) => livePid(pidFile(cfg, 'temporal'), ['start-dev', temporalDbFile(cfg)]),
  start: async (cfg) => {
    mkdirSync(join(cfg.stateDir, 'temporal'), { recursive: true });
    return spawnDetached({
      command: toolPaths(cfg).temporalCli,
      args: temporalServerArgs({
        dbFile: temporalDbFile(cfg),
        host: cfg.host,
        port: cfg.ports.temporal,
        uiPort: cfg.ports.temporalUi,
        namespace: TEMPORAL_NAMESPACE,
        searchAttributes: SEARCH_ATTRIBUTES,
        codecEndpoint: codecServerUrl(cfg),
      }),
      logFile: logFile(cfg, 'temporal'),
    });
  },
  ready: async (cfg, ctx) => {
    await probeUntil(
      async () => {
        const described = JSON.parse(await cli(cfg, ['operator', 'namespace', 'describe', '-o', 'json'])) as {
          namespaceInfo?: { state?: string };
        };
        if (described.namespaceInfo?.state !== 'NAMESPACE_STATE_REGISTERED') {
          throw new Error(`namespace state ${described.namespaceInfo?.state ?? 'unknown'}`);
        }
      },
      { what: `Temporal namespace ${TEMPORAL_NAMESPACE}`, timeoutMs: ctx.timeoutMs, gaveUp: ctx.gaveUp },
    );
    const missing = missingSearchAttributes(await cli(cfg, ['operator', 'search-attribute', 'list', '-o', 'json']), SEARCH_ATTRIBUTES);
    if (missing.length > 0) {
      ctx.log(`temporal: registering search attributes ${missing.join(', ')}`);
      for (const args of createSearchAttributeArgs(missing, SEARCH_ATTRIBUTES)) await cli(cfg, args);
    }
    if (ctx.justStarted) {
      await probeUntil(
        async () => {
          const response = await fetch(`http://${cfg.host}:${cfg.ports.temporalUi}/`);
          if (!response.ok) throw new Error(`Web UI answered ${response.status}`);
        },
        { what: 'Temporal Web UI', timeoutMs: 10_000, gaveUp: ctx.gaveUp },
      );
    }
  },
};
