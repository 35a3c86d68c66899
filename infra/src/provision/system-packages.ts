import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Component, StackConfig } from '../config';
import { INFRA_CLI, StepError } from '../errors';
import { commandExists, formatDuration, run } from '../proc';

export type SystemNeed = { what: string; debianPackage: string; present: () => Promise<boolean> };

/**
 * Commands the test suite itself runs, beyond the stack's servers (the audit behind this list: every
 * `spawn`/`execFile` in tests and scripts; `sh`, `node` and `python3` come with the machine). Each
 * is installed by provisioning for tests (`npm test`, `npm run stack -- provision --tests`), never
 * assumed to be there.
 */
export const TEST_TOOLS: readonly SystemNeed[] = [
  {
    what: 'docker-compose (static check of docker-compose.yml in infra/test; no Docker engine needed)',
    debianPackage: 'docker-compose',
    present: () => commandExists('docker-compose'),
  },
];

/** Debian packages the requested components (and, for the test suite, its own tools) need, with how to tell they are already there. */
export const systemNeeds = (cfg: StackConfig, components: Component[], opts: { testTools?: boolean } = {}): SystemNeed[] => {
  const needs: SystemNeed[] = [];
  if (components.includes('postgres')) {
    needs.push({
      what: 'PostgreSQL 15 server',
      debianPackage: 'postgresql',
      present: async () => existsSync(join(cfg.pgBinDir, 'initdb')) && existsSync(join(cfg.pgBinDir, 'postgres')),
    });
  }
  if (components.includes('kafka') || components.includes('temporal')) {
    needs.push({ what: 'Java runtime', debianPackage: 'default-jre-headless', present: () => commandExists('java') });
    needs.push({ what: 'Maven', debianPackage: 'maven', present: () => commandExists('mvn') });
  }
  if (components.includes('kafka')) {
    needs.push({ what: 'kcat (Kafka command-line client for people)', debianPackage: 'kcat', present: () => commandExists('kcat') });
  }
  if (opts.testTools) needs.push(...TEST_TOOLS);
  return needs;
};

/** Installs what is missing with apt-get (one `apt-get update` per call, and only when something is missing). */
export const provisionSystemPackages = async (
  cfg: StackConfig,
  components: Component[],
  logFile: string,
  onProgress: (line: string) => void,
  opts: { testTools?: boolean } = {},
): Promise<string[]> => {
  const missing: SystemNeed[] = [];
  for (const need of systemNeeds(cfg, components, opts)) if (!(await need.present())) missing.push(need);
  if (missing.length === 0) return [];
  const packages = missing.map((m) => m.debianPackage);
  const manual = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  if (process.getuid?.() !== 0 || !(await commandExists('apt-get'))) {
    throw new StepError(
      'System packages',
      `missing ${missing.map((m) => m.what).join(', ')}, and this process cannot install them (needs root and apt-get)`,
      `install them yourself, e.g. \`sudo sh -c '${manual}'\`, then run \`${INFRA_CLI} provision\` again`,
    );
  }
  const started = Date.now();
  onProgress(`System packages: installing ${packages.join(', ')} with apt-get (about 15 s)...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Wait for another apt/dpkg (a second provisioning, unattended upgrades) instead of failing at once.
  const lockWait = ['-o', 'DPkg::Lock::Timeout=300'];
  for (const args of [
    [...lockWait, 'update'],
    [...lockWait, 'install', '-y', '--no-install-recommends', ...packages],
  ]) {
    const result = await run({ command: 'apt-get', args, env, logFile });
    if (result.code !== 0) {
      throw new StepError(
        'System packages',
        `\`apt-get ${args.join(' ')}\` failed (exit ${result.code})`,
        `are the Debian package mirrors reachable and is no other apt/dpkg running? Then run \`${INFRA_CLI} provision\` again`,
        logFile,
      );
    }
  }
  onProgress(`System packages: installed ${packages.join(', ')} (${formatDuration(Date.now() - started)})`);
  return packages;
};

export type PgCluster = { version: string; name: string; port: number; status: string; dataDir: string };

/** Parses `pg_lsclusters --no-header`: "15  main    5432 online postgres /var/lib/postgresql/15/main ...". */
export const parsePgClusters = (output: string): PgCluster[] =>
  output
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.length >= 6 && /^\d+$/.test(cols[2] ?? ''))
    .map((cols) => ({
      version: cols[0] ?? '',
      name: cols[1] ?? '',
      port: Number(cols[2]),
      status: cols[3] ?? '',
      dataDir: cols[5] ?? '',
    }));

/** start.conf with its setting line replaced, comments kept. */
export const manualStartConf = (current: string): string => {
  const lines = current.split('\n');
  const index = lines.findIndex((line) => /^\s*(auto|manual|disabled)\s*$/.test(line));
  if (index === -1) return `${current.trimEnd()}\nmanual\n`;
  lines[index] = 'manual';
  return lines.join('\n');
};

/**
 * Debian's package starts its own cluster (15/main on 5432) where it can. This stack runs its own
 * cluster in the state dir instead, so the packaged one is stopped and set to manual start.
 */
export const quietPackagedCluster = async (onProgress: (line: string) => void): Promise<void> => {
  if (!existsSync('/etc/postgresql') || !(await commandExists('pg_lsclusters'))) return;
  const listed = await run({ command: 'pg_lsclusters', args: ['--no-header'] });
  const cluster = parsePgClusters(listed.output).find((c) => c.version === '15' && c.name === 'main');
  if (!cluster || !cluster.status.startsWith('online')) return;
  const stop = await run({ command: 'pg_ctlcluster', args: ['--skip-systemctl-redirect', '15', 'main', 'stop'] });
  if (stop.code !== 0) {
    throw new StepError(
      'PostgreSQL',
      `Debian's cluster 15/main is running on port ${cluster.port} and \`pg_ctlcluster 15 main stop\` failed: ${stop.output.trim()}`,
      `stop it yourself (\`pg_ctlcluster --skip-systemctl-redirect 15 main stop\`), then run \`${INFRA_CLI} provision\` again`,
    );
  }
  const startConf = '/etc/postgresql/15/main/start.conf';
  if (existsSync(startConf)) writeFileSync(startConf, manualStartConf(readFileSync(startConf, 'utf8')));
  onProgress(
    `PostgreSQL: stopped Debian's own cluster 15/main (port ${cluster.port}) and set ${startConf} to manual; this stack runs its own cluster in the state dir`,
  );
};
