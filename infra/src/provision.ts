import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePgCluster } from './components/postgres';
import { COMPONENTS, loadStackConfig, logFile, toolPaths, VERSIONS, type Component, type StackConfig } from './config';
import { combineErrors, errorText, INFRA_CLI, StepError } from './errors';
import { withLock } from './lock';
import { formatDuration } from './proc';
import { provisionMavenJars, writeTestServerWrapper } from './provision/maven-jars';
import { provisionSystemPackages, quietPackagedCluster } from './provision/system-packages';
import { provisionTemporalCli } from './provision/temporal-cli';
import { defaultProgress } from './stack';

export type ProvisionOptions = {
  components?: Component[];
  onProgress?: (line: string) => void;
  /** Also the commands the test suite runs (TEST_TOOLS: docker-compose); `npm test` asks for them. */
  testTools?: boolean;
};

const provisionLog = (cfg: StackConfig, step: string): string => logFile(cfg, join('provision', step));

/** Kafka jars, then the time-skipping test server's jars: one Maven at a time shares ~/.m2 safely. */
const provisionJars = async (cfg: StackConfig, components: Component[], log: (line: string) => void): Promise<void> => {
  const tools = toolPaths(cfg);
  if (components.includes('kafka')) {
    await provisionMavenJars({
      step: 'Kafka jars',
      pom: join(tools.mavenDir, 'kafka', 'pom.xml'),
      libDir: tools.kafkaLib,
      logFile: provisionLog(cfg, 'kafka-jars'),
      onProgress: log,
    });
  }
  if (components.includes('temporal')) {
    await provisionMavenJars({
      step: 'Temporal test server jars',
      pom: join(tools.mavenDir, 'temporal-test-server', 'pom.xml'),
      libDir: tools.testServerLib,
      logFile: provisionLog(cfg, 'temporal-test-server-jars'),
      onProgress: log,
    });
    writeTestServerWrapper(tools.testServerWrapper, tools.testServerLib);
  }
};

/**
 * Installs or builds every tool the stack needs, once: Debian packages (PostgreSQL, Java, Maven,
 * kcat, and with `testTools` the test suite's own commands such as docker-compose), the Temporal CLI (built with Go), Kafka's and the time-skipping test server's jars
 * (Maven), and the project's own Postgres cluster. Cached in EASI_CACHE_DIR, so a second call
 * only checks markers and costs well under a second.
 */
export const provision = async (opts: ProvisionOptions = {}): Promise<void> => {
  const cfg = loadStackConfig();
  const log = opts.onProgress ?? defaultProgress;
  const components = opts.components ?? [...COMPONENTS];
  const started = Date.now();
  mkdirSync(cfg.cacheDir, { recursive: true });
  mkdirSync(cfg.logDir, { recursive: true });

  const results = await withLock(join(cfg.cacheDir, '.provision.lock'), 'provisioning', log, async () => {
    // apt first: the Maven steps may need the Java and Maven it installs.
    await provisionSystemPackages(cfg, components, provisionLog(cfg, 'apt'), log, { testTools: opts.testTools });
    const tools = toolPaths(cfg);
    const steps: Promise<unknown>[] = [provisionJars(cfg, components, log)];
    if (components.includes('temporal')) {
      steps.push(provisionTemporalCli(tools.temporalCli, tools.binDir, provisionLog(cfg, 'temporal-cli'), log));
    }
    if (components.includes('postgres')) {
      steps.push(quietPackagedCluster(log).then(() => ensurePgCluster(cfg, log)));
    }
    return Promise.allSettled(steps);
  });
  const errors = results.flatMap((r) =>
    r.status === 'fulfilled'
      ? []
      : [
          r.reason instanceof StepError
            ? r.reason
            : new StepError('Provisioning', errorText(r.reason), `read the message; then run \`${INFRA_CLI} provision\` again`),
        ],
  );
  if (errors.length > 0) throw combineErrors('Provisioning', errors);
  log(
    `provisioned ${components.join(', ')}${opts.testTools ? ' and the test tools' : ''} in ${formatDuration(Date.now() - started)} (tools in ${cfg.cacheDir})`,
  );
};

const provisioned = (path: string, what: string): string => {
  if (!existsSync(path)) {
    throw new StepError(what, `${path} does not exist`, `run \`${INFRA_CLI} provision\` (or provision() from @easi/infra) first`);
  }
  return path;
};

/** The Temporal CLI (`temporal server start-dev` embeds Server 1.29.1), for TestWorkflowEnvironment.createLocal. */
export const temporalCliPath = (): string => provisioned(toolPaths(loadStackConfig()).temporalCli, `Temporal CLI ${VERSIONS.temporalCli}`);

/** Wrapper script of the Java time-skipping test server, for TestWorkflowEnvironment.createTimeSkipping. */
export const timeSkippingServerPath = (): string =>
  provisioned(toolPaths(loadStackConfig()).testServerWrapper, `Temporal time-skipping test server ${VERSIONS.temporalTestServer}`);
