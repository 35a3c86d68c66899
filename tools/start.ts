/**
 * `npm start`: provision what is missing, start the stack, apply migrations, start the four services,
 * the journey worker and the Temporal codec server (the UI decrypts payloads through it), print every URL, and shut everything down cleanly on Ctrl-C.
 * EASI_KEEP_STACK=1 leaves PostgreSQL, Kafka and Temporal running after Ctrl-C.
 */
import { join } from 'node:path';
import { codecServerUrl, loadStackConfig, stopStack } from '@easi/infra';
import { APPS, CODEC_SERVER_APP, startApp, stopApp, waitForHealth, type RunningApp } from '@easi/testing';
import { banner, seconds } from './lib/run';
import { prepareStack } from './lib/stack';

const root = join(__dirname, '..');

const main = async (): Promise<void> => {
  const t0 = Date.now();
  const { stack, env } = await prepareStack();

  banner('Starting services, the journey worker and the codec server');
  const cfg = loadStackConfig();
  const logDir = cfg.logDir;
  const uiOrigins = [`http://${cfg.host}:${cfg.ports.temporalUi}`, `http://localhost:${cfg.ports.temporalUi}`];
  const codecServer: typeof CODEC_SERVER_APP = { ...CODEC_SERVER_APP, port: cfg.ports.codecServer };
  const appEnv: NodeJS.ProcessEnv = { ...env, CODEC_ALLOWED_ORIGINS: process.env.CODEC_ALLOWED_ORIGINS ?? uiOrigins.join(',') };
  const running: RunningApp[] = [...APPS, codecServer].map((app) =>
    startApp(root, app, appEnv, logDir, process.env.EASI_ECHO_LOGS === '1'),
  );
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping services and workers...\n`);
    await Promise.all(running.map((r) => stopApp(r)));
    if (process.env.EASI_KEEP_STACK !== '1') {
      process.stdout.write('stopping the stack (set EASI_KEEP_STACK=1 to keep it)...\n');
      await stopStack();
    }
    process.stdout.write('stopped.\n');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('Ctrl-C'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  for (const r of running) {
    r.child.on('exit', (code) => {
      if (!stopping) process.stdout.write(`!! ${r.app.name} exited (${code ?? 'signal'}); see ${r.logFile}\n`);
    });
  }
  await Promise.all(
    running
      .filter((r) => r.port !== undefined)
      .map((r) => waitForHealth(`http://127.0.0.1:${r.port}/health`, 120_000, () => r.child.exitCode === null)),
  );

  banner(`EASI is running (ready in ${seconds(t0)}); Ctrl-C stops it`);
  const rows: [string, string][] = [
    ...running
      .filter((r) => r.port !== undefined && r.app !== codecServer)
      .flatMap((r): [string, string][] => [
        [`${r.app.name} API`, `http://127.0.0.1:${r.port}`],
        [`${r.app.name} OpenAPI`, `http://127.0.0.1:${r.port}/docs`],
      ]),
    ...Object.entries(stack.urls).filter(([name]) => name !== 'codecServer'),
    ['dev token', 'npm run token -- --agency police --role investigator'],
    ['codec server', `${codecServerUrl(cfg)} (UI payload decryption: README "Payload encryption")`],
    ['operator token', 'npm run token -- --agency police --role operator'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) process.stdout.write(`  ${k.padEnd(width)}  ${v}\n`);
  process.stdout.write('\nlogs:\n');
  for (const r of running) process.stdout.write(`  ${r.app.name.padEnd(width)}  ${r.logFile}\n`);
  for (const [k, v] of Object.entries(stack.logs)) process.stdout.write(`  ${k.padEnd(width)}  ${v}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
