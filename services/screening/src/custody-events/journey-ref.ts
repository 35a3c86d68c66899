import { createHash } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * The journey reference for a person in a police area: stable, so every event about the same
 * person reaches the same open journey, and pseudonymous (a hash, not the person reference itself).
 */
export const journeyRefFor = (policeArea: string, personRef: string): string => {
  const digest = createHash('sha256').update(`${policeArea.toUpperCase()}\u0000${personRef}`).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 20) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return `jr-${out}`;
};
