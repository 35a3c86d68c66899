import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { generatePayloadKey, loadConfig, temporalEnv, type PayloadKey } from '@easi/config';
import { connectTemporalClient, easiDataConverter } from '../src';
import type { PersonActivities } from './person.workflow';

/** The stack's real Temporal server (`npm test` starts it; TEMPORAL_ADDRESS moves it). */
export const temporalAt = loadConfig(temporalEnv.pick({ TEMPORAL_ADDRESS: true, TEMPORAL_NAMESPACE: true }));

export const testKeys = (): PayloadKey[] => [generatePayloadKey(`test-${randomUUID().slice(0, 8)}`)];

export const activities: PersonActivities = {
  describePerson: async ({ name, address }) => `${name} lives at ${address}`,
};

// The SDK logs every worker state change and workflow failure at INFO: keep test output to problems.
Runtime.install({ logger: new DefaultLogger('WARN') });

/** A worker with the platform's data converter on its own task queue, and the clients a test needs. */
export const startEncryptedWorker = async (keys: PayloadKey[]) => {
  const taskQueue = `payload-encryption-${randomUUID()}`;
  const nativeConnection = await NativeConnection.connect({ address: temporalAt.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection: nativeConnection,
    namespace: temporalAt.TEMPORAL_NAMESPACE,
    taskQueue,
    workflowsPath: require.resolve('./person.workflow'),
    activities,
    dataConverter: easiDataConverter(keys),
  });
  const running = worker.run();
  const platform = await connectTemporalClient({
    address: temporalAt.TEMPORAL_ADDRESS,
    namespace: temporalAt.TEMPORAL_NAMESPACE,
    payloadKeys: keys,
  });
  // What anyone with plain Temporal access (the UI without the codec, tctl, a database dump) sees.
  const raw = new Client({
    connection: await Connection.connect({ address: temporalAt.TEMPORAL_ADDRESS }),
    namespace: temporalAt.TEMPORAL_NAMESPACE,
  });
  const stop = async (): Promise<void> => {
    worker.shutdown();
    await running;
    await Promise.all([platform.connection.close(), raw.connection.close(), nativeConnection.close()]);
  };
  return { taskQueue, platform, raw, stop };
};

type Leaf = string | Uint8Array;

/** Every string and byte field anywhere in a history (payload data, metadata, failure messages...). */
export const leaves = (value: unknown, out: Leaf[] = []): Leaf[] => {
  if (typeof value === 'string' || value instanceof Uint8Array) out.push(value);
  else if (Array.isArray(value)) for (const item of value) leaves(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) leaves(item, out);
  return out;
};

export const containsText = (value: unknown, text: string): boolean =>
  leaves(value).some((leaf) => (typeof leaf === 'string' ? leaf.includes(text) : Buffer.from(leaf).includes(text)));

type PayloadLike = { metadata?: Record<string, Uint8Array> | null; data?: Uint8Array | null };

/** Every payload in a history: objects carrying an `encoding` metadata entry. */
export const payloadsIn = (value: unknown, out: PayloadLike[] = []): PayloadLike[] => {
  if (Array.isArray(value)) for (const item of value) payloadsIn(item, out);
  else if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const candidate = value as PayloadLike;
    if (candidate.metadata && typeof candidate.metadata === 'object' && candidate.metadata['encoding'] instanceof Uint8Array)
      out.push(candidate);
    else for (const item of Object.values(value)) payloadsIn(item, out);
  }
  return out;
};

export const encodingOf = (payload: PayloadLike): string => Buffer.from(payload.metadata?.['encoding'] ?? new Uint8Array()).toString();
