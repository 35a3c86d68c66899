import type { DataConverter } from '@temporalio/common';
import type { PayloadKey } from '@easi/config';
import { AesGcmPayloadCodec } from './encryption-codec';

/** Path of the module exporting `failureConverter` (the SDK loads it by path, also into the workflow bundle). */
export const EASI_FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/**
 * The one data converter of every EASI Temporal client and worker: payloads (arguments, results,
 * memos, signal/update/query values, failure messages) are encrypted with AES-256-GCM under the
 * current key of TEMPORAL_PAYLOAD_KEYS, and decrypted with any key listed there.
 */
export const easiDataConverter = (keys: readonly PayloadKey[]): DataConverter => ({
  payloadCodecs: [new AesGcmPayloadCodec(keys)],
  failureConverterPath: EASI_FAILURE_CONVERTER_PATH,
});
