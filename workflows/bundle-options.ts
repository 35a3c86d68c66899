import { dirname, join } from 'node:path';
import type { WorkerOptions } from '@temporalio/worker';

/** The journey workflows' entry (what the journey worker bundles). */
export const journeyWorkflowsPath = require.resolve('./src/index.ts');
const interceptorsModule = require.resolve('./src/interceptors.ts');
/** Zod-free contracts: Temporal evaluates a bundle's modules once per workflow, so schemas would cost memory per open journey. */
const workflowContracts = join(dirname(require.resolve('@easi/contracts')), 'workflow.ts');

/**
 * How the journey worker bundles the workflows, the one place that resolves the bundle: the journey
 * worker, the workflow tests and replay all use it. Outside `src/` because it runs in Node, not in the
 * workflow sandbox. `workflowsPath` is only for replaying deliberately changed workflows in tests.
 */
export const journeyWorkflowOptions = (
  workflowsPath = journeyWorkflowsPath,
): Pick<WorkerOptions, 'workflowsPath' | 'interceptors' | 'bundlerOptions'> => ({
  workflowsPath,
  interceptors: { workflowModules: [interceptorsModule] },
  bundlerOptions: {
    webpackConfigHook: (config) => ({
      ...config,
      resolve: {
        ...config.resolve,
        alias: { ...(config.resolve?.alias as Record<string, string | false | string[]>), '@easi/contracts$': workflowContracts },
      },
    }),
  },
});
