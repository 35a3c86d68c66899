import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { CHILD_WORKFLOW_TYPES, DEFAULT_JOURNEY_POLICY, TASK_QUEUES, monitoredEventSignal } from '@easi/contracts';
import type { MonitoringInput, MonitoringResult } from '../src/journey/monitoring.workflow';
import { journeyWorkflowOptions } from '../bundle-options';
import { newTrigger, timeSkippingServer } from './harness';

jest.setTimeout(120_000);

// Temporal's time-skipping test server: a year of follow-up monitoring passes in seconds.
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: timeSkippingServer() } } });
});

afterAll(async () => {
  await env?.teardown();
});

describe('follow-up monitoring over a year (time-skipping server)', () => {
  it('should watch for a year, continuing as new every few events, and end as completed when nothing relevant happens', async () => {
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: TASK_QUEUES.journeys, ...journeyWorkflowOptions() });
    await worker.runUntil(async () => {
      const input: MonitoringInput = {
        journeyRef: 'jr-timeskip',
        parentWorkflowId: 'journey-jr-timeskip',
        policy: { ...DEFAULT_JOURNEY_POLICY, monitoringPeriod: '365 days', monitoringEventsPerRun: 2 },
        riskLevel: 'medium',
      };
      const handle = await env.client.workflow.start(CHILD_WORKFLOW_TYPES.monitoring, {
        workflowId: 'journey-jr-timeskip-monitoring',
        taskQueue: TASK_QUEUES.journeys,
        args: [input],
      });
      for (const family of ['theft', 'public-order', 'common-assault', 'other', 'criminal-damage'] as const) {
        await handle.signal(monitoredEventSignal, newTrigger({ offenceFamilies: [family] }));
      }
      const started = Date.now();
      const result = (await handle.result()) as MonitoringResult;
      expect(result.outcome).toBe('completed');
      expect(result.runs).toBeGreaterThanOrEqual(3);
      expect(Date.now() - started).toBeLessThan(60_000);
    });
  });
});
