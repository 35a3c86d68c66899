import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { loadConfig, temporalEnv } from '@easi/config';
import { connectTemporalClient } from '@easi/temporal';
import { withPayloadKeys } from '@easi/testing';

const root = join(__dirname, '..', '..');

/**
 * A Temporal client as the services have one: it encrypts what it sends and decrypts results,
 * queries and memos with the key the services and the journey worker use.
 */
export const platformTemporalClient = (): Promise<Client> => {
  const config = loadConfig(temporalEnv, withPayloadKeys(root));
  return connectTemporalClient({
    address: config.TEMPORAL_ADDRESS,
    namespace: config.TEMPORAL_NAMESPACE,
    payloadKeys: config.TEMPORAL_PAYLOAD_KEYS,
  });
};
