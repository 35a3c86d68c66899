import { homedir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkerOptions } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import {
  JOURNEY_WORKFLOW_TYPE,
  SEARCH_ATTRIBUTE_KEYS,
  SHORT_JOURNEY_POLICY,
  TASK_QUEUES,
  completeTaskUpdate,
  journeyStateQuery,
  journeyWorkflowId,
  policeEventSignal,
  type JourneyInput,
  type JourneyPolicy,
  type JourneyState,
  type JourneyTrigger,
  type ServiceName,
  type TaskKind,
} from '@easi/contracts';
import { FakeServices, type FakeTask } from './fake-services';

/** The Temporal CLI the stack provisions (see infra); its dev server is a real Temporal server. */
export const temporalCli = (): string => {
  const path = join(process.env.EASI_CACHE_DIR || join(homedir(), '.cache', 'easi'), 'bin', 'temporal');
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run stack -- provision\` first`);
  return path;
};

export const timeSkippingServer = (): string => {
  const path = join(process.env.EASI_CACHE_DIR || join(homedir(), '.cache', 'easi'), 'temporal-test-server', 'bin', 'temporal-test-server');
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run stack -- provision\` first`);
  return path;
};

export const workflowsPath = require.resolve('../src/index.ts');
// A path, not a module reference: resolving the package here would count as a lazy import of contracts.
const contractsWorkflowEntry = join(__dirname, '..', '..', 'libs', 'contracts', 'src', 'workflow.ts');
/** As the journey worker bundles (workflows/worker journeyWorkflowOptions): zod-free contracts in the bundle. */
export const workflowBundleOptions = (path = workflowsPath): Pick<WorkerOptions, 'workflowsPath' | 'interceptors' | 'bundlerOptions'> => ({
  workflowsPath: path,
  interceptors: { workflowModules: [require.resolve('../src/interceptors.ts')] },
  bundlerOptions: {
    webpackConfigHook: (config) => ({
      ...config,
      resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string | false | string[]>), '@easi/contracts$': contractsWorkflowEntry } },
    }),
  },
});

let counter = 0;
export const newTrigger = (overrides: Partial<JourneyTrigger> = {}): JourneyTrigger => {
  counter += 1;
  const n = `${Date.now().toString(36)}${counter}`.toUpperCase();
  return {
    kind: 'custody-event',
    sourceEventId: `CE-${n}`,
    policeArea: 'WMP',
    personRef: `P-${n}`,
    victimRefs: [`V-${n}`],
    relationshipToVictim: 'former-partner',
    offenceFamilies: ['stalking'],
    occurredAt: '2026-11-24T21:15:00Z',
    ...overrides,
  };
};

/**
 * A local Temporal dev server (the real server, not a fake) with the easi namespace and search
 * attributes, the journey workflows on their queue and fake service activities on theirs.
 */
export class JourneyHarness {
  env!: TestWorkflowEnvironment;
  readonly services = new FakeServices();
  private workers: Worker[] = [];
  private running: Promise<void>[] = [];

  async start(opts: { maxCachedWorkflows?: number } = {}): Promise<void> {
    this.env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: temporalCli() },
        namespace: 'easi',
        searchAttributes: Object.values(SEARCH_ATTRIBUTE_KEYS),
        extraArgs: ['--log-level', 'error'],
      },
    });
    const connection = this.env.nativeConnection;
    this.workers.push(
      await Worker.create({
        connection,
        namespace: 'easi',
        taskQueue: TASK_QUEUES.journeys,
        ...workflowBundleOptions(),
        ...(opts.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: opts.maxCachedWorkflows } : {}),
      }),
    );
    const queues: [ServiceName, string][] = [
      ['screening', TASK_QUEUES.screening],
      ['referral', TASK_QUEUES.referral],
      ['intervention', TASK_QUEUES.intervention],
      ['victim-support', TASK_QUEUES.victimSupport],
    ];
    for (const [service, taskQueue] of queues) {
      this.workers.push(await Worker.create({ connection, namespace: 'easi', taskQueue, activities: this.services.activitiesFor(service) }));
    }
    this.running = this.workers.map((w) => w.run());
  }

  async stop(): Promise<void> {
    for (const w of this.workers) w.shutdown();
    await Promise.all(this.running);
    await this.env?.teardown();
  }

  get client() {
    return this.env.client;
  }

  async startJourney(policy: Partial<JourneyPolicy> = {}, trigger = newTrigger()): Promise<{ journeyRef: string; handle: WorkflowHandle; trigger: JourneyTrigger }> {
    const journeyRef = `jr-${trigger.personRef.toLowerCase()}`;
    const input: JourneyInput = { journeyRef, trigger, policy: { ...SHORT_JOURNEY_POLICY, ...policy } };
    const handle = await this.client.workflow.signalWithStart(JOURNEY_WORKFLOW_TYPE, {
      workflowId: journeyWorkflowId(journeyRef),
      taskQueue: TASK_QUEUES.journeys,
      args: [input],
      signal: policeEventSignal,
      signalArgs: [trigger],
    });
    return { journeyRef, handle, trigger };
  }

  async waitTask(journeyRef: string, kind: TaskKind, timeoutMs = 20_000): Promise<FakeTask> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const t = this.services.openTask(journeyRef, kind);
      if (t) return t;
      if (Date.now() > deadline) throw new Error(`no open ${kind} task for ${journeyRef}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** A person's decision, sent as the services send it: an Update to the task's workflow. */
  async decide(journeyRef: string, kind: TaskKind, decision: Record<string, unknown>, reason = `${kind} decided`, by = 'police:test-officer'): Promise<void> {
    const task = await this.waitTask(journeyRef, kind);
    // A booked session's outcome is refused before its time (the journey's clock is the server's).
    const at = typeof task.context.scheduledFor === 'string' ? Date.parse(task.context.scheduledFor) : 0;
    if (at > Date.now()) await new Promise((resolve) => setTimeout(resolve, at - Date.now() + 20));
    await this.client.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, decision, by, reason }] });
    task.status = 'completed';
  }

  async toIntervention(journeyRef: string, disposal: Record<string, unknown> = { disposal: 'spo-requirement', conditions: [] }): Promise<void> {
    await this.decide(journeyRef, 'eligibility-screening', { outcome: 'eligible', riskLevel: 'medium', reason: 'All criteria met.' });
    await this.decide(journeyRef, 'triage-decision', { outcome: 'refer-to-easi', actions: [] });
    await this.decide(journeyRef, 'disposal-decision', disposal);
    await this.decide(journeyRef, 'consent-contract', { consent: 'signed', contractVersion: '1' });
  }

  async sessions(journeyRef: string, outcomes: ('attended' | 'missed' | 'rescheduled')[], from = 1): Promise<void> {
    let n = from;
    for (const outcome of outcomes) {
      await this.decide(journeyRef, 'session-outcome', { sessionNumber: n, outcome }, undefined, 'psychology:test-psychologist');
      if (outcome === 'attended') n += 1;
    }
  }

  async completeIntervention(journeyRef: string): Promise<void> {
    await this.decide(journeyRef, 'psychometrics-pre', { instruments: ['AAQ-II'] });
    await this.sessions(journeyRef, Array(6).fill('attended'));
    await this.decide(journeyRef, 'psychometrics-post', { instruments: ['AAQ-II'] });
  }

  state(handle: WorkflowHandle): Promise<JourneyState> {
    return handle.query(journeyStateQuery);
  }
}
