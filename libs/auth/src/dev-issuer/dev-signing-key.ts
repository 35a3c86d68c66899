import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';
import { devIssuerDir } from './dev-issuer-defaults';

export const DEV_SIGNING_ALGORITHM = 'RS256';
const KEY_FILE = 'signing-key.jwk.json';

export type DevSigningKey = {
  kid: string;
  privateKey: KeyLike;
  /** The public half as published in the JWKS. */
  publicJwk: JWK;
};

const publicPart = (jwk: JWK, kid: string): JWK => ({ kty: jwk.kty, n: jwk.n, e: jwk.e, kid, alg: DEV_SIGNING_ALGORITHM, use: 'sig' });

const fromStoredJwk = async (jwk: JWK): Promise<DevSigningKey> => {
  if (jwk.kty !== 'RSA' || !jwk.d || !jwk.kid) {
    throw new Error(`dev issuer key file is not an RSA private JWK with a kid; delete it to generate a new one`);
  }
  const privateKey = await importJWK(jwk, DEV_SIGNING_ALGORITHM);
  if (privateKey instanceof Uint8Array) {
    throw new Error('dev issuer key file holds a symmetric key; delete it to generate a new one');
  }
  return { kid: jwk.kid, privateKey, publicJwk: publicPart(jwk, jwk.kid) };
};

const generate = async (file: string): Promise<void> => {
  const { privateKey } = await generateKeyPair(DEV_SIGNING_ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  const temp = `${file}.${randomUUID()}.tmp`;
  await writeFile(temp, `${JSON.stringify({ ...jwk, kid, alg: DEV_SIGNING_ALGORITHM }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    // link() fails if the file exists, so when two processes start at once exactly one key wins.
    await link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
  } finally {
    await unlink(temp);
  }
};

/**
 * The development signing key under `<state dir>/dev-issuer/`, generated on first use and reused
 * afterwards, so tokens minted by `npm run token` verify against the running dev issuer.
 */
export const loadOrCreateDevSigningKey = async (stateDir?: string): Promise<DevSigningKey> => {
  const dir = devIssuerDir(stateDir);
  const file = join(dir, KEY_FILE);
  await mkdir(dirname(dir), { recursive: true });
  // Only the key directory is private: the state directory is shared with the rest of the stack.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
    await generate(file);
    text = await readFile(file, 'utf8');
  }
  return fromStoredJwk(JSON.parse(text) as JWK);
};
