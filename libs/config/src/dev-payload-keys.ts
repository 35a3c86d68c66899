import { randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatPayloadKeys, generatePayloadKey, parsePayloadKeys } from './payload-keys';

/** Where the local stack keeps its development payload key (the state directory is gitignored). */
export const devPayloadKeysFile = (stateDir: string): string => join(stateDir, 'temporal-payload-keys');

/**
 * The local stack's `TEMPORAL_PAYLOAD_KEYS` value: generated once into the state directory
 * (mode 0600) and reused, so every process of this checkout encrypts and decrypts alike.
 * Development only: real deployments take the variable from their secret store.
 */
export const loadOrCreateDevPayloadKeys = (stateDir: string): string => {
  const file = devPayloadKeysFile(stateDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(stateDir, { recursive: true });
    const temp = `${file}.${randomUUID()}.tmp`;
    const id = `dev-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;
    writeFileSync(temp, `${formatPayloadKeys([generatePayloadKey(id)])}\n`, { mode: 0o600, flag: 'wx' });
    try {
      // link() fails when the file exists, so when two processes start at once exactly one key wins.
      linkSync(temp, file);
    } catch (linkError) {
      if ((linkError as NodeJS.ErrnoException).code !== 'EEXIST') throw linkError;
    } finally {
      unlinkSync(temp);
    }
    text = readFileSync(file, 'utf8');
  }
  const value = text.trim();
  const parsed = parsePayloadKeys(value);
  if (!parsed.ok)
    throw new Error(
      `${file} is not a valid TEMPORAL_PAYLOAD_KEYS value (${parsed.problems.join('; ')}); delete it to generate a new dev key`,
    );
  return value;
};
