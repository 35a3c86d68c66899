import { join } from 'node:path';
import { APPS, startApp, stopApp, waitForHealth, type AppDefinition, type RunningApp } from '@easi/testing';

const root = join(__dirname, '..', '..');

/** Test ports, away from `npm start`'s 3001-3004 so both can run at once (EASI_E2E_PORT_BASE moves them). */
const base = Number(process.env.EASI_E2E_PORT_BASE ?? 4100);
export const TEST_PORTS: Record<string, number> = {
  screening: base + 1,
  referral: base + 2,
  intervention: base + 3,
  'victim-support': base + 4,
};

/**
 * The real service processes (and journey worker) for an end-to-end test, started as `npm start`
 * starts them, against the stack `npm test` brought up.
 */
export class Platform {
  private readonly running = new Map<string, RunningApp>();

  /** `ports` lets a second suite run beside the first (each suite file runs in its own Jest worker). */
  constructor(
    private readonly logDir = join(root, '.easi', 'logs', 'e2e'),
    private readonly ports: Record<string, number> = TEST_PORTS,
  ) {}

  private definition(name: string): AppDefinition {
    const app = APPS.find((a) => a.name === name);
    if (!app) throw new Error(`unknown app ${name}`);
    return app;
  }

  url(name: string): string {
    return `http://127.0.0.1:${this.ports[name]}`;
  }

  async start(...names: string[]): Promise<void> {
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
    for (const [name, port] of Object.entries(this.ports)) {
      const app = this.definition(name);
      if (app.portEnv) env[app.portEnv] = String(port);
    }
    const started = names.map((name) => {
      const running = startApp(root, this.definition(name), env, this.logDir, process.env.EASI_ECHO_LOGS === '1');
      this.running.set(name, running);
      return running;
    });
    await Promise.all(
      started.map(async (r) => {
        if (r.port !== undefined) {
          await waitForHealth(`http://127.0.0.1:${r.port}/health`, 90_000, () => r.child.exitCode === null && r.child.signalCode === null);
        }
      }),
    );
  }

  /** SIGKILL: no shutdown hooks, as in a crash. */
  kill(name: string): Promise<void> {
    const r = this.running.get(name);
    if (!r) return Promise.resolve();
    this.running.delete(name);
    if (r.child.exitCode !== null || r.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      r.child.once('exit', () => resolve());
      r.child.kill('SIGKILL');
    });
  }

  async stop(name: string): Promise<void> {
    const r = this.running.get(name);
    this.running.delete(name);
    if (r) await stopApp(r);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((name) => this.stop(name)));
  }

  logFile(name: string): string | undefined {
    return this.running.get(name)?.logFile;
  }
}
