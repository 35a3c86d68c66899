import { randomBytes } from 'node:crypto';

/** One AES-256 key for Temporal payloads, named by the id written into each encrypted payload's metadata. */
export type PayloadKey = { id: string; key: Buffer };

export const PAYLOAD_KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export const PAYLOAD_KEYS_FORMAT = 'keyId:base64key[,keyId:base64key...] (32-byte keys; the first encrypts, all decrypt)';

export type ParsedPayloadKeys = { ok: true; keys: PayloadKey[] } | { ok: false; problems: string[] };

/**
 * Parses `TEMPORAL_PAYLOAD_KEYS`. Problems name the entry and its id but never echo key material,
 * so they are safe to print at boot.
 */
export const parsePayloadKeys = (value: string): ParsedPayloadKeys => {
  const entries = value.split(',').map((entry) => entry.trim());
  const problems: string[] = [];
  const keys: PayloadKey[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const where = `entry ${index + 1}`;
    const colon = entry.indexOf(':');
    if (entry === '' || colon <= 0) {
      problems.push(`${where} must be keyId:base64key`);
      return;
    }
    const id = entry.slice(0, colon);
    const encoded = entry.slice(colon + 1);
    if (!KEY_ID.test(id)) {
      problems.push(`${where} has a bad key id (letters, digits, . _ -; at most 64)`);
      return;
    }
    if (seen.has(id)) {
      problems.push(`${where} repeats key id ${id}`);
      return;
    }
    seen.add(id);
    const key = BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : Buffer.alloc(0);
    if (key.length !== PAYLOAD_KEY_BYTES) {
      problems.push(`key ${id} must be ${PAYLOAD_KEY_BYTES} bytes in base64 (openssl rand -base64 32)`);
      return;
    }
    keys.push({ id, key });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, keys };
};

/** The inverse of `parsePayloadKeys`: the variable's value for these keys. */
export const formatPayloadKeys = (keys: readonly PayloadKey[]): string =>
  keys.map(({ id, key }) => `${id}:${key.toString('base64')}`).join(',');

/** A fresh random key (for the local stack's dev key and tests). */
export const generatePayloadKey = (id: string): PayloadKey => ({ id, key: randomBytes(PAYLOAD_KEY_BYTES) });
