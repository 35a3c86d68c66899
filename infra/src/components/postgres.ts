import { chownSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client, type ClientConfig } from 'pg';
import { logFile, stackEnv, type StackConfig } from '../config';
import { INFRA_CLI, StepError } from '../errors';
import { probeUntil } from '../probe';
import { livePid, run, spawnDetached, type RunAs } from '../proc';
import type { Driver, Progress } from './driver';

export const pgDataDir = (cfg: StackConfig): string => join(cfg.stateDir, 'postgres');

/** A Unix socket path may not exceed 107 bytes; fall back to a short directory when the state dir is deep. */
export const pgSocketDir = (cfg: StackConfig): string => {
  const dataDir = pgDataDir(cfg);
  return `${dataDir}/.s.PGSQL.${cfg.ports.postgres}`.length <= 100 ? dataDir : `/tmp/easi-pg-${cfg.ports.postgres}`;
};

/** Postgres refuses to run as root: as root we run it as the `postgres` OS user. */
export const postgresRunAs = (passwd = '/etc/passwd'): RunAs | undefined => {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync(passwd, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) {
    throw new StepError(
      'PostgreSQL',
      'running as root but there is no `postgres` OS user to run the server as',
      `install Debian package postgresql (\`${INFRA_CLI} provision\` does), which creates that user`,
    );
  }
  return { uid: Number(uid), gid: Number(gid) };
};

/** The first ancestor the postgres user cannot enter, when there is one (a private home, say). */
export const unreachableAncestor = (dir: string, runAs: RunAs): string | undefined => {
  for (let current = dirname(dir); ; current = dirname(current)) {
    const st = existsSync(current) ? statSync(current) : undefined;
    const canEnter =
      st === undefined ||
      (st.mode & 0o001) !== 0 ||
      (st.gid === runAs.gid && (st.mode & 0o010) !== 0) ||
      (st.uid === runAs.uid && (st.mode & 0o100) !== 0);
    if (!canEnter) return current;
    if (current === dirname(current)) return undefined;
  }
};

/** Creates the project's own cluster once (initdb). Idempotent. */
export const ensurePgCluster = async (cfg: StackConfig, log: Progress): Promise<void> => {
  const dataDir = pgDataDir(cfg);
  const versionFile = join(dataDir, 'PG_VERSION');
  if (existsSync(versionFile)) {
    const version = readFileSync(versionFile, 'utf8').trim();
    if (version !== '15') {
      throw new StepError(
        'PostgreSQL',
        `${dataDir} holds a PostgreSQL ${version} cluster, this stack runs 15`,
        `move it away (or delete it to start from an empty database), then start again`,
      );
    }
    return;
  }
  const runAs = postgresRunAs();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (runAs) {
    const blocked = unreachableAncestor(dataDir, runAs);
    if (blocked) {
      throw new StepError(
        'PostgreSQL',
        `the postgres OS user cannot enter ${blocked}, so it cannot use ${dataDir}`,
        'set EASI_STATE_DIR to a directory outside a private home (e.g. /var/tmp/easi), or `chmod o+x` the directories on the way',
      );
    }
    chownSync(dataDir, runAs.uid, runAs.gid);
  }
  const initdbLog = logFile(cfg, 'postgres-initdb');
  log(`postgres: creating the cluster in ${dataDir} (initdb)...`);
  const result = await run({
    command: join(cfg.pgBinDir, 'initdb'),
    args: ['-D', dataDir, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8'],
    cwd: dataDir,
    runAs,
    logFile: initdbLog,
  });
  if (result.code !== 0) {
    throw new StepError('PostgreSQL', `initdb failed (exit ${result.code})`, `read the log, remove ${dataDir}, and start again`, initdbLog);
  }
};

const superuserConfig = (cfg: StackConfig): ClientConfig => ({
  host: pgSocketDir(cfg),
  port: cfg.ports.postgres,
  user: 'postgres',
  database: 'postgres',
  connectionTimeoutMillis: 2000,
});

const withClient = async <T>(config: ClientConfig | string, use: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client(typeof config === 'string' ? { connectionString: config, connectionTimeoutMillis: 2000 } : config);
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end().catch(() => undefined);
  }
};

/** Role and database `easi` (password `easi`); service schemas are the services' migrations' business. */
export const ensureEasiDatabase = async (cfg: StackConfig): Promise<void> =>
  withClient(superuserConfig(cfg), async (client) => {
    await client.query(
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'easi') THEN
           CREATE ROLE easi LOGIN CREATEDB PASSWORD 'easi';
         END IF;
       END $$`,
    );
    const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'easi'`);
    if (exists.rowCount === 0) await client.query('CREATE DATABASE easi OWNER easi');
  });

export const postgresDriver: Driver = {
  component: 'postgres',
  title: 'PostgreSQL',
  ports: ['postgres'],
  readyTimeoutMs: 60_000,
  stopGraceMs: 30_000,
  logFile: (cfg) => logFile(cfg, 'postgres'),
  url: (cfg) => stackEnv(cfg)['DATABASE_URL'] ?? '',
  missingTools: async (cfg) => (existsSync(join(cfg.pgBinDir, 'postgres')) ? undefined : `no PostgreSQL 15 binaries in ${cfg.pgBinDir}`),
  prepare: ensurePgCluster,
  ourPid: (cfg) => livePid(join(pgDataDir(cfg), 'postmaster.pid'), [pgDataDir(cfg)]),
  start: async (cfg) => {
    const runAs = postgresRunAs();
    const socketDir = pgSocketDir(cfg);
    if (socketDir !== pgDataDir(cfg)) {
      mkdirSync(socketDir, { recursive: true, mode: 0o700 });
      if (runAs) chownSync(socketDir, runAs.uid, runAs.gid);
    }
    return spawnDetached({
      command: join(cfg.pgBinDir, 'postgres'),
      args: [
        '-D',
        pgDataDir(cfg),
        '-p',
        String(cfg.ports.postgres),
        '-k',
        socketDir,
        '-c',
        `listen_addresses=${cfg.host}`,
        '-c',
        'unix_socket_permissions=0700',
      ],
      cwd: pgDataDir(cfg),
      logFile: logFile(cfg, 'postgres'),
      runAs,
    });
  },
  ready: async (cfg, ctx) => {
    await probeUntil(() => withClient(superuserConfig(cfg), (c) => c.query('SELECT 1')), {
      what: 'PostgreSQL accepting connections',
      timeoutMs: ctx.timeoutMs,
      gaveUp: ctx.gaveUp,
    });
    await ensureEasiDatabase(cfg);
    await withClient(stackEnv(cfg)['DATABASE_URL'] ?? '', (c) => c.query('SELECT current_user'));
  },
  stop: async (cfg, pid, log) => {
    const result = await run({
      command: join(cfg.pgBinDir, 'pg_ctl'),
      args: ['stop', '-D', pgDataDir(cfg), '-m', 'fast', '-w', '-t', '60'],
      runAs: postgresRunAs(),
    });
    if (result.code !== 0) log(`postgres: pg_ctl stop failed (${result.output.trim()}); signalling pid ${pid} instead`);
  },
};
