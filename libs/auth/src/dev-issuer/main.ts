import { pino } from 'pino';
import { z } from 'zod';
import { describeIssues } from '@easi/contracts';
import { DEV_ISSUER_DEFAULTS, resolveStateDir } from './dev-issuer-defaults';
import { startDevIssuer } from './dev-issuer-server';

// Development only: the identity provider stand-in for the local stack and docker-compose.
// Run: node -r ./tools/register.js libs/auth/src/dev-issuer/main.ts
const Env = z.object({
  AUTH_DEV_ISSUER_PORT: z.coerce.number().int().min(0).max(65535).default(DEV_ISSUER_DEFAULTS.port),
  AUTH_DEV_ISSUER_HOST: z.string().trim().min(1).default(DEV_ISSUER_DEFAULTS.host),
  EASI_STATE_DIR: z.string().trim().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
});

const blankToUndefined = (value: string | undefined): string | undefined => (value?.trim() ? value : undefined);

const main = async (): Promise<void> => {
  const parsed = Env.safeParse({
    AUTH_DEV_ISSUER_PORT: blankToUndefined(process.env.AUTH_DEV_ISSUER_PORT),
    AUTH_DEV_ISSUER_HOST: blankToUndefined(process.env.AUTH_DEV_ISSUER_HOST),
    EASI_STATE_DIR: blankToUndefined(process.env.EASI_STATE_DIR),
    LOG_LEVEL: blankToUndefined(process.env.LOG_LEVEL),
  });
  if (!parsed.success) {
    process.stderr.write(`dev-issuer: invalid environment: ${describeIssues(parsed.error).join('; ')}\n`);
    process.exit(2);
  }
  const env = parsed.data;
  const log = pino({ name: 'dev-issuer', level: env.LOG_LEVEL });
  const stateDir = resolveStateDir(env.EASI_STATE_DIR);
  const issuer = await startDevIssuer({ port: env.AUTH_DEV_ISSUER_PORT, host: env.AUTH_DEV_ISSUER_HOST, stateDir });
  log.info({ jwksUrl: issuer.jwksUrl, keyDir: `${stateDir}/dev-issuer` }, 'dev issuer listening');

  const stop = (signal: NodeJS.Signals): void => {
    log.info({ signal }, 'dev issuer stopping');
    issuer.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'dev issuer did not close cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

main().catch((error: unknown) => {
  process.stderr.write(`dev-issuer: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
