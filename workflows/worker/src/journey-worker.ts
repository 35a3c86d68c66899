import { dirname, join } from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { TASK_QUEUES } from '@easi/contracts';

export type JourneyWorkerOptions = {
  address: string;
  namespace: string;
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
    ...(opts.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: opts.maxCachedWorkflows } : {}),
    ...opts.extra,
  });
  return { worker, connection };
};
