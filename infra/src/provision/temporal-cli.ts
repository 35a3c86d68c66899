import { existsSync, mkdirSync } from 'node:fs';
import { VERSIONS } from '../config';
import { INFRA_CLI, StepError } from '../errors';
import { commandExists, formatDuration, run } from '../proc';

export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';

/** True when the cached binary is the CLI that embeds the server version we need. */
export const temporalCliIsCurrent = async (cli: string): Promise<boolean> => {
  if (!existsSync(cli)) return false;
  try {
    const { code, output } = await run({ command: cli, args: ['--version'] });
    return code === 0 && output.includes(`Server ${VERSIONS.temporalServer}`);
  } catch {
    return false;
  }
};

export const goInstallArgs = (): string[] => ['install', '-v', '-ldflags', '-s -w', `${TEMPORAL_CLI_MODULE}@v${VERSIONS.temporalCli}`];

/**
 * Turns `go install -v` chatter into a progress line every few seconds, also while Go prints
 * nothing (a long link step).
 */
export const buildProgress = (report: (line: string) => void, everyMs = 10_000) => {
  const started = Date.now();
  let downloads = 0;
  let packages = 0;
  const timer = setInterval(() => {
    report(
      `Temporal CLI: building, ${formatDuration(Date.now() - started)} so far (${downloads} modules downloaded, ${packages} packages compiled; 4-7 min in all when nothing is cached)`,
    );
  }, everyMs);
  return {
    onLine: (line: string): void => {
      if (line.startsWith('go: downloading')) downloads += 1;
      else if (!line.startsWith('go:') && !line.includes(' ')) packages += 1;
    },
    stop: (): void => clearInterval(timer),
  };
};

/**
 * Builds the Temporal CLI (with the dev server and Web UI embedded) from source with Go, once:
 * 4-7 minutes cold. Pure-Go SQLite, so no C toolchain is needed.
 */
export const provisionTemporalCli = async (
  cli: string,
  binDir: string,
  logFile: string,
  onProgress: (line: string) => void,
): Promise<'cached' | 'installed'> => {
  if (await temporalCliIsCurrent(cli)) return 'cached';
  if (!(await commandExists('go'))) {
    throw new StepError(
      'Temporal CLI',
      '`go` is not on PATH, and the Temporal CLI is built from source with it',
      `install a recent Go toolchain (1.24 or newer) and put its bin directory on PATH, then run \`${INFRA_CLI} provision\` again`,
    );
  }
  const started = Date.now();
  onProgress(`Temporal CLI: building v${VERSIONS.temporalCli} with Go into ${binDir} (first time only; 4-7 min, progress every 10 s)...`);
  mkdirSync(binDir, { recursive: true });
  const progress = buildProgress(onProgress);
  const result = await run({
    command: 'go',
    args: goInstallArgs(),
    env: { ...process.env, CGO_ENABLED: '0', GOBIN: binDir },
    logFile,
    onLine: progress.onLine,
  }).finally(progress.stop);
  if (result.code !== 0) {
    throw new StepError(
      'Temporal CLI',
      `\`go install ${TEMPORAL_CLI_MODULE}@v${VERSIONS.temporalCli}\` failed (exit ${result.code})`,
      `is the Go module proxy reachable (GOPROXY, proxy settings) and is there ~2 GB free for the module cache? Then run \`${INFRA_CLI} provision\` again`,
      logFile,
    );
  }
  if (!(await temporalCliIsCurrent(cli))) {
    throw new StepError(
      'Temporal CLI',
      `the built ${cli} does not report Server ${VERSIONS.temporalServer}`,
      `delete ${cli} and run \`${INFRA_CLI} provision\` again`,
      logFile,
    );
  }
  onProgress(`Temporal CLI: built ${cli} in ${formatDuration(Date.now() - started)}`);
  return 'installed';
};
