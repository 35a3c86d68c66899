import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, ValueError, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { PayloadKey } from '@easi/config';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const METADATA_ENCRYPTION_KEY_ID = 'encryption-key-id';

const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

const text = (bytes: Uint8Array | null | undefined): string | undefined => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

/** True when a payload was written by this codec (any key). */
export const isEncryptedPayload = (payload: Payload): boolean => text(payload.metadata?.[METADATA_ENCODING_KEY]) === ENCRYPTED_ENCODING;

/**
 * AES-256-GCM over the whole serialized payload (metadata included), as in Temporal's encryption
 * sample: the stored payload says only `binary/encrypted` and which key. Layout of `data`:
 * 12-byte IV, ciphertext, 16-byte tag (the Web Crypto layout, so the sample's tools read it).
 *
 * Keys rotate: encode uses the first key; decode uses whichever known key the payload names.
 * Payloads that are not encrypted pass through, so histories from before encryption still read.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly keys: ReadonlyMap<string, Buffer>;
  private readonly current: PayloadKey;

  constructor(keys: readonly PayloadKey[]) {
    const [current] = keys;
    if (!current) throw new ValueError('AesGcmPayloadCodec needs at least one key');
    for (const { id, key } of keys) {
      if (key.length !== KEY_BYTES) throw new ValueError(`payload key ${id} must be ${KEY_BYTES} bytes`);
    }
    this.current = current;
    this.keys = new Map(keys.map(({ id, key }) => [id, key]));
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (isEncryptedPayload(payload) ? this.decrypt(payload) : payload));
  }

  private encrypt(payload: Payload): Payload {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(CIPHER, this.current.key, iv, { authTagLength: TAG_BYTES });
    const plain = temporal.api.common.v1.Payload.encodeDelimited(payload).finish();
    const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING),
        [METADATA_ENCRYPTION_KEY_ID]: Buffer.from(this.current.id),
      },
      data,
    };
  }

  private decrypt(payload: Payload): Payload {
    const keyId = text(payload.metadata?.[METADATA_ENCRYPTION_KEY_ID]);
    if (!keyId) throw new ValueError(`encrypted payload has no ${METADATA_ENCRYPTION_KEY_ID} metadata`);
    const key = this.keys.get(keyId);
    if (!key) {
      throw new ValueError(
        `payload is encrypted with key "${keyId}", which this process does not have (known: ${[...this.keys.keys()].join(', ')}); add it to TEMPORAL_PAYLOAD_KEYS`,
      );
    }
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) throw new ValueError(`encrypted payload (key "${keyId}") is too short to hold an IV and a tag`);
    const decipher = createDecipheriv(CIPHER, key, data.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch (error) {
      throw new ValueError(
        `encrypted payload failed authentication with key "${keyId}" (tampered, or a different key under the same id)`,
        error,
      );
    }
    return temporal.api.common.v1.Payload.decodeDelimited(plain);
  }
}
