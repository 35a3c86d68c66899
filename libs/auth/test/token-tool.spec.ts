import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createLocalJWKSet } from 'jose';
import { loadOrCreateDevSigningKey } from '../src/dev-issuer/dev-signing-key';
import { verifyToken } from '../src/verify-token';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const run = promisify(execFile);

type Outcome = { code: number; stdout: string; stderr: string };

const token = async (stateDir: string, ...args: string[]): Promise<Outcome> => {
  const env = { ...process.env, EASI_STATE_DIR: stateDir, AUTH_ISSUER: '', AUTH_AUDIENCE: '' };
  try {
    const { stdout, stderr } = await run(process.execPath, ['-r', './tools/register.js', 'tools/token.ts', ...args], {
      cwd: REPO_ROOT,
      env,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

describe('tools/token.ts', () => {
  let stateDir: string;

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'easi-token-tool-'));
  });

  afterAll(async () => {
    await rm(stateDir, { recursive: true, force: true });
  });

  it('should print only a token the dev key verifies when agency and roles are valid', async () => {
    const outcome = await token(
      stateDir,
      '--agency',
      'police',
      '--role',
      'investigator',
      '--role',
      'supervisor',
      '--sub',
      'staff-9',
      '--ttl',
      '2h',
    );
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    expect(outcome.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const key = await loadOrCreateDevSigningKey(stateDir);
    await expect(
      verifyToken(outcome.stdout.trim(), {
        jwksUrl: 'http://unused.invalid/jwks.json',
        issuer: 'easi-dev-issuer',
        audience: 'easi',
        keys: createLocalJWKSet({ keys: [key.publicJwk] }),
      }),
    ).resolves.toEqual({ subject: 'staff-9', agency: 'police', roles: ['investigator', 'supervisor'] });
  });

  it('should exit 2 naming the agencies when the agency is unknown', async () => {
    const outcome = await token(stateDir, '--agency', 'probation', '--role', 'investigator');
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toContain(
      'token: unknown agency "probation"; expected one of police, triage-clinic, psychology, victim-service, evaluation',
    );
  });

  it('should exit 2 when the role is unknown', async () => {
    const outcome = await token(stateDir, '--agency', 'police', '--role', 'admin');
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('token: unknown role "admin"');
  });

  it('should exit 2 when the role belongs to another agency', async () => {
    const outcome = await token(stateDir, '--agency', 'victim-service', '--role', 'psychologist');
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(
      'token: role "psychologist" does not belong to agency victim-service; victim-service staff may hold isac',
    );
  });

  it('should exit 2 when no role is given', async () => {
    const outcome = await token(stateDir, '--agency', 'evaluation');
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('at least one --role is required; evaluation staff may hold evaluator');
  });
});
