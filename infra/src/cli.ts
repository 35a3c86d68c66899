import { spawn } from 'node:child_process';
import { COMPONENTS, isComponent, loadStackConfig, servicesEnv, type Component } from './config';
import { errorText, StepError } from './errors';
import { tail } from './proc';
import { provision } from './provision';
import { systemNeeds } from './provision/system-packages';
import { defaultProgress, DRIVERS, stackInfo, stackStatus, startStack, stopStack } from './stack';

const USAGE = `usage: npm run stack -- <command> [components...] [options]
   or: node -r ./tools/register.js infra/src/cli.ts <command> [components...] [options]

commands:
  provision [c...] [--tests] install/build the tools into EASI_CACHE_DIR (idempotent; 4-7 min the first time);
                             --tests adds the commands the test suite runs (docker-compose)
  start [c...]               provision, then start what is not running and wait until it is ready
  stop [c...]                stop this stack's processes
  status [--json]            up/down, pid and url per component
  logs [c] [--lines N] [-f]  log paths, or the end of one component's log (-f follows it)
  packages [--tests]         the Debian packages provisioning installs when they are missing, one a line
  env                        export lines for the services' environment: eval "$(npm run -s stack -- env)"

components: ${COMPONENTS.join(', ')} (default: all)
settings: EASI_STATE_DIR, EASI_CACHE_DIR, EASI_PG_PORT, EASI_KAFKA_PORT, EASI_KAFKA_CONTROLLER_PORT,
          EASI_TEMPORAL_PORT, EASI_TEMPORAL_UI_PORT, AUTH_DEV_ISSUER_PORT, EASI_CODEC_SERVER_PORT`;

const parseComponents = (args: string[]): Component[] | undefined => {
  const names = args.filter((a) => !a.startsWith('-'));
  const unknown = names.filter((n) => !isComponent(n));
  if (unknown.length > 0) throw new Error(`unknown component(s) ${unknown.join(', ')}; choose from ${COMPONENTS.join(', ')}`);
  return names.length > 0 ? (names as Component[]) : undefined;
};

const optionValue = (args: string[], name: string): string | undefined => {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
};

const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

const showStatus = async (json: boolean): Promise<void> => {
  const status = await stackStatus();
  if (json) {
    process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
    return;
  }
  for (const s of Object.values(status)) {
    const pid = s.pid === undefined ? '' : `pid ${s.pid}`;
    process.stdout.write(
      `${s.component.padEnd(11)} ${s.state.padEnd(12)} ${pid.padEnd(11)} ${s.url}${s.detail ? `  (${s.detail})` : ''}\n`,
    );
  }
};

const showLogs = (args: string[]): void => {
  const cfg = loadStackConfig();
  const components = parseComponents(args.filter((a) => a !== optionValue(args, '--lines')));
  if (!components) {
    for (const [name, path] of Object.entries(stackInfo(cfg).logs)) process.stdout.write(`${name.padEnd(11)} ${path}\n`);
    return;
  }
  const lines = Number(optionValue(args, '--lines') ?? 40);
  const files = components.map((c) => DRIVERS[c].logFile(cfg));
  if (args.includes('-f') || args.includes('--follow')) {
    spawn('tail', ['-n', String(lines), '-F', ...files], { stdio: 'inherit' });
    return;
  }
  for (const file of files) process.stdout.write(`==> ${file} <==\n${tail(file, lines)}\n`);
};

const main = async (argv: string[]): Promise<void> => {
  const [command, ...args] = argv;
  switch (command) {
    case 'provision':
      await provision({
        components: parseComponents(args) ?? [...COMPONENTS],
        onProgress: defaultProgress,
        testTools: args.includes('--tests'),
      });
      return;
    case 'packages':
      for (const need of systemNeeds(loadStackConfig(), [...COMPONENTS], { testTools: args.includes('--tests') })) {
        process.stdout.write(`${need.debianPackage}\n`);
      }
      return;
    case 'start': {
      const components = parseComponents(args) ?? [...COMPONENTS];
      await provision({ components, onProgress: defaultProgress });
      await startStack({ components, onProgress: defaultProgress });
      return;
    }
    case 'stop':
      await stopStack({ components: parseComponents(args) ?? [...COMPONENTS], onProgress: defaultProgress });
      return;
    case 'status':
      await showStatus(args.includes('--json'));
      return;
    case 'logs':
      showLogs(args);
      return;
    case 'env':
      for (const [key, value] of Object.entries(servicesEnv(loadStackConfig())))
        process.stdout.write(`export ${key}=${shellQuote(value)}\n`);
      return;
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return;
    default:
      process.stderr.write(`unknown command "${command}"\n${USAGE}\n`);
      process.exitCode = 2;
  }
};

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`\n[infra] FAILED ${error instanceof StepError ? error.message : errorText(error)}\n`);
  process.exitCode = 1;
});
