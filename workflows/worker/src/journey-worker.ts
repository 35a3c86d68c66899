import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { TASK_QUEUES } from '@easi/contracts';
import type { PayloadKey } from '@easi/config';
import { easiDataConverter } from '@easi/temporal';
import { journeyWorkflowOptions } from '@easi/workflows/bundle-options';

export type JourneyWorkerOptions = {
  address: string;
  namespace: string;
  /** TEMPORAL_PAYLOAD_KEYS: payloads are encrypted outside the workflow sandbox by the platform's codec. */
  payloadKeys: readonly PayloadKey[];
  /** 0 forces every workflow task to replay from history (used by a test suite). */
  maxCachedWorkflows?: number;
  extra?: Partial<WorkerOptions>;
};

export const createJourneyWorker = async (opts: JourneyWorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> => {
  const connection = await NativeConnection.connect({ address: opts.address });
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: TASK_QUEUES.journeys,
    ...journeyWorkflowOptions(),
    dataConverter: easiDataConverter(opts.payloadKeys),
    ...(opts.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: opts.maxCachedWorkflows } : {}),
    ...opts.extra,
  });
  return { worker, connection };
};
