import { Client, Connection } from '@temporalio/client';
import { correlationClientInterceptor } from './correlation-interceptors';

export type TemporalConnectionOptions = {
  address: string;
  namespace: string;
};

/** A Temporal client whose calls carry the current correlation id. */
export const connectTemporalClient = async (opts: TemporalConnectionOptions): Promise<Client> => {
  const connection = await Connection.connect({ address: opts.address, connectTimeout: '10s' });
  return new Client({
    connection,
    namespace: opts.namespace,
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
