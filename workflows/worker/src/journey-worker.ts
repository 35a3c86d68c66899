import { dirname, join } from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { TASK_QUEUES } from '@easi/contracts';
import type { PayloadKey } from '@easi/config';
import { easiDataConverter } from '@easi/temporal';

export type JourneyWorkerOptions = {
  address: string;
  namespace: string;
  /** TEMPORAL_PAYLOAD_KEYS: payloads are encrypted outside the workflow sandbox by the platform's codec. */
  payloadKeys: readonly PayloadKey[];
  /** 0 forces every workflow task to replay from history (used by a test suite). */
  maxCachedWorkflows?: number;
  extra?: Partial<WorkerOptions>;
};

const workflowsEntry = require.resolve('@easi/workflows');
/** Zod-free contracts: Temporal evaluates a bundle's modules once per workflow, so schemas would cost memory per open journey. */
const workflowContracts = join(dirname(require.resolve('@easi/contracts')), 'workflow.ts');

/** Worker options shared by the journey worker, tests and replay: one place that resolves the bundle. */
export const journeyWorkflowOptions = (): Pick<WorkerOptions, 'workflowsPath' | 'interceptors' | 'bundlerOptions'> => ({
  workflowsPath: workflowsEntry,
  interceptors: { workflowModules: [join(dirname(workflowsEntry), 'interceptors')] },
  bundlerOptions: {
    webpackConfigHook: (config) => ({
      ...config,
      resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string | false | string[]>), '@easi/contracts$': workflowContracts } },
    }),
  },
});

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
