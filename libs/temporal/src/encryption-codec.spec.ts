import { METADATA_ENCODING_KEY, defaultPayloadConverter, type Payload } from '@temporalio/common';
import { generatePayloadKey } from '@easi/config';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, METADATA_ENCRYPTION_KEY_ID, isEncryptedPayload } from './encryption-codec';

const k0 = generatePayloadKey('k0');
const k1 = generatePayloadKey('k1');
const person = { name: 'Jane Example', address: '1 Sample Street' };
const plain = (): Payload => defaultPayloadConverter.toPayload(person);
const meta = (payload: Payload, key: string): string => Buffer.from(payload.metadata?.[key] ?? new Uint8Array()).toString();

describe('AesGcmPayloadCodec', () => {
  it('should hide the value and name the current key when it encodes', async () => {
    const [encoded] = await new AesGcmPayloadCodec([k1, k0]).encode([plain()]);
    if (!encoded) throw new Error('no payload');
    expect(meta(encoded, METADATA_ENCODING_KEY)).toBe(ENCRYPTED_ENCODING);
    expect(meta(encoded, METADATA_ENCRYPTION_KEY_ID)).toBe('k1');
    expect(Object.keys(encoded.metadata ?? {}).sort()).toEqual([METADATA_ENCODING_KEY, METADATA_ENCRYPTION_KEY_ID].sort());
    expect(Buffer.from(encoded.data ?? new Uint8Array()).includes('Jane')).toBe(false);
    expect(isEncryptedPayload(encoded)).toBe(true);
  });

  it('should give back the original payload, metadata included, when it decodes what it encoded', async () => {
    const codec = new AesGcmPayloadCodec([k0]);
    const [decoded] = await codec.decode(await codec.encode([plain()]));
    if (!decoded) throw new Error('no payload');
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual(person);
    expect(meta(decoded, METADATA_ENCODING_KEY)).toBe('json/plain');
  });

  it('should use a fresh IV when it encodes the same value twice', async () => {
    const codec = new AesGcmPayloadCodec([k0]);
    const [a, b] = await codec.encode([plain(), plain()]);
    expect(Buffer.from(a?.data ?? new Uint8Array()).equals(Buffer.from(b?.data ?? new Uint8Array()))).toBe(false);
  });

  it('should decrypt with an older key after rotation when the payload names that key', async () => {
    const before = await new AesGcmPayloadCodec([k0]).encode([plain()]);
    const rotated = new AesGcmPayloadCodec([k1, k0]);
    expect(rotated.currentKeyId).toBe('k1');
    const [decoded] = await rotated.decode(before);
    expect(defaultPayloadConverter.fromPayload(decoded as Payload)).toEqual(person);
  });

  it('should pass a payload through unchanged when it is not encrypted', async () => {
    const payload = plain();
    expect(await new AesGcmPayloadCodec([k0]).decode([payload])).toEqual([payload]);
  });

  it('should fail naming the key id and the known ids when the key is unknown', async () => {
    const encoded = await new AesGcmPayloadCodec([k0]).encode([plain()]);
    await expect(new AesGcmPayloadCodec([k1]).decode(encoded)).rejects.toThrow(
      'payload is encrypted with key "k0", which this process does not have (known: k1); add it to TEMPORAL_PAYLOAD_KEYS',
    );
  });

  it('should refuse a payload whose ciphertext was changed when it decodes', async () => {
    const codec = new AesGcmPayloadCodec([k0]);
    const [encoded] = await codec.encode([plain()]);
    const data = Buffer.from(encoded?.data ?? new Uint8Array());
    data[20] = (data[20] ?? 0) ^ 1;
    await expect(codec.decode([{ ...encoded, data }])).rejects.toThrow('failed authentication with key "k0"');
  });

  it('should refuse a key list that is empty or holds a key of the wrong size when constructed', () => {
    expect(() => new AesGcmPayloadCodec([])).toThrow('at least one key');
    expect(() => new AesGcmPayloadCodec([{ id: 'short', key: Buffer.alloc(16) }])).toThrow('payload key short must be 32 bytes');
  });
});
