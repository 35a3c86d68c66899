import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { INFRA_CLI, StepError } from '../errors';
import { commandExists, formatDuration, run, writeFileAtomic } from '../proc';

export type MavenJarsSpec = {
  /** Names the step in progress lines and errors, e.g. "Kafka jars". */
  step: string;
  pom: string;
  libDir: string;
  logFile: string;
  onProgress: (line: string) => void;
};

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Marker next to the lib dir: the hash of the pom the jars came from. */
const markerFile = (libDir: string): string => join(dirname(libDir), '.easi-provisioned');

export const mavenJarsAreCurrent = (pom: string, libDir: string): boolean => {
  try {
    return existsSync(libDir) && readFileSync(markerFile(libDir), 'utf8').trim() === sha256(readFileSync(pom, 'utf8'));
  } catch {
    return false;
  }
};

export const mavenArgs = (pom: string, outputDir: string): string[] => [
  '-q',
  '-B',
  '-f',
  pom,
  'dependency:copy-dependencies',
  '-DincludeScope=runtime',
  `-DoutputDirectory=${outputDir}`,
];

/**
 * Copies the runtime jars of a pom into the cache (Maven's own ~/.m2 caches the downloads).
 * Atomic: the jars land in a temporary directory that is renamed when complete.
 */
export const provisionMavenJars = async (spec: MavenJarsSpec): Promise<'cached' | 'installed'> => {
  if (mavenJarsAreCurrent(spec.pom, spec.libDir)) return 'cached';
  for (const tool of ['mvn', 'java']) {
    if (!(await commandExists(tool))) {
      throw new StepError(
        spec.step,
        `\`${tool}\` is not on PATH`,
        `install Maven and a Java 17+ runtime (Debian: \`apt-get install -y maven default-jre-headless\`; \`${INFRA_CLI} provision\` does it when run as root)`,
      );
    }
  }
  const started = Date.now();
  spec.onProgress(`${spec.step}: downloading with Maven (first time only; about 15 s)...`);
  const tmpDir = `${spec.libDir}.tmp-${process.pid}`;
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(dirname(spec.libDir), { recursive: true });
  const result = await run({ command: 'mvn', args: mavenArgs(spec.pom, tmpDir), logFile: spec.logFile });
  const jars = existsSync(tmpDir) ? readdirSync(tmpDir).filter((f) => f.endsWith('.jar')) : [];
  if (result.code !== 0 || jars.length === 0) {
    rmSync(tmpDir, { recursive: true, force: true });
    throw new StepError(
      spec.step,
      result.code !== 0 ? `\`mvn\` failed (exit ${result.code})` : '`mvn` copied no jars',
      `is Maven installed and Maven Central reachable (proxy settings in ~/.m2/settings.xml)? Then run \`${INFRA_CLI} provision\` again`,
      spec.logFile,
    );
  }
  rmSync(spec.libDir, { recursive: true, force: true });
  renameSync(tmpDir, spec.libDir);
  writeFileAtomic(markerFile(spec.libDir), sha256(readFileSync(spec.pom, 'utf8')));
  spec.onProgress(`${spec.step}: ${jars.length} jars in ${spec.libDir} (${formatDuration(Date.now() - started)})`);
  return 'installed';
};

/** The script `TestWorkflowEnvironment.createTimeSkipping` runs as an existing-path executable. */
export const testServerWrapperScript = (libDir: string): string =>
  [
    '#!/bin/sh',
    '# Temporal time-skipping test server, written by infra/src/provision/maven-jars.ts.',
    '# exec: the JVM must replace this shell, or stopping the test environment leaves it running.',
    `exec java -cp "${libDir}/*" io.temporal.testserver.TestServer "$@"`,
    '',
  ].join('\n');

export const writeTestServerWrapper = (wrapper: string, libDir: string): void => {
  const script = testServerWrapperScript(libDir);
  if (existsSync(wrapper) && readFileSync(wrapper, 'utf8') === script) return;
  mkdirSync(dirname(wrapper), { recursive: true });
  writeFileSync(`${wrapper}.tmp`, script, { mode: 0o755 });
  renameSync(`${wrapper}.tmp`, wrapper);
};
