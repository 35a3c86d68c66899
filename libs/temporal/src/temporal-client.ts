import { Client, Connection } from '@temporalio/client';
import type { PayloadKey } from '@easi/config';
import { correlationClientInterceptor } from './correlation-interceptors';
import { easiDataConverter } from './data-converter';

export type TemporalConnectionOptions = {
  address: string;
  namespace: string;
  /** TEMPORAL_PAYLOAD_KEYS: the first encrypts, all decrypt. */
  payloadKeys: readonly PayloadKey[];
};

/** A Temporal client whose payloads are encrypted and whose calls carry the current correlation id. */
export const connectTemporalClient = async (opts: TemporalConnectionOptions): Promise<Client> => {
  const connection = await Connection.connect({ address: opts.address, connectTimeout: '10s' });
  return new Client({
    connection,
    namespace: opts.namespace,
    dataConverter: easiDataConverter(opts.payloadKeys),
    interceptors: { workflow: [correlationClientInterceptor] },
  });
};

/** True when the frontend answers for our namespace. */
export const temporalHealth = async (client: Client): Promise<boolean> => {
  try {
    await client.workflowService.describeNamespace({ namespace: client.options.namespace });
    return true;
  } catch {
    return false;
  }
};
