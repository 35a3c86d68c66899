import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevIssuer, type RunningDevIssuer } from '../src/dev-issuer/dev-issuer-server';
import type { AuthOptions } from '../src/verify-token';

export const TEST_ISSUER = 'easi-dev-issuer';
export const TEST_AUDIENCE = 'easi';

export type DevIssuerFixture = {
  issuer: RunningDevIssuer;
  stateDir: string;
  /** What a service would be configured with to trust this issuer. */
  authOptions: AuthOptions;
  /** Options for mintDevToken that do not depend on the environment of the test run. */
  mintOptions: { stateDir: string; issuer: string; audience: string };
  stop(): Promise<void>;
};

/** A real dev issuer on a free port with its own throwaway state directory. */
export const startDevIssuerFixture = async (): Promise<DevIssuerFixture> => {
  const stateDir = await mkdtemp(join(tmpdir(), 'easi-auth-'));
  const issuer = await startDevIssuer({ port: 0, stateDir });
  return {
    issuer,
    stateDir,
    authOptions: { jwksUrl: issuer.jwksUrl, issuer: TEST_ISSUER, audience: TEST_AUDIENCE },
    mintOptions: { stateDir, issuer: TEST_ISSUER, audience: TEST_AUDIENCE },
    stop: async () => {
      await issuer.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
};
