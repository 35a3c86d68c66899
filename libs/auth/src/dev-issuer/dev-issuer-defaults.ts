import { resolve } from 'node:path';

/** Values the local stack agrees on (same defaults as @easi/config's AUTH_*). */
export const DEV_ISSUER_DEFAULTS = {
  issuer: 'easi-dev-issuer',
  audience: 'easi',
  port: 3000,
  host: '127.0.0.1',
  expiresIn: '8h',
} as const;

const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');

/** `stateDir` if given, else EASI_STATE_DIR, else `<repo root>/.easi` (gitignored). */
export const resolveStateDir = (stateDir?: string): string =>
  resolve(stateDir ?? (process.env.EASI_STATE_DIR?.trim() || resolve(REPO_ROOT, '.easi')));

/** Where the dev issuer keeps its key pair inside the state directory. */
export const devIssuerDir = (stateDir?: string): string => resolve(resolveStateDir(stateDir), 'dev-issuer');
