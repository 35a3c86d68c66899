import { homedir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { isGrpcDeadlineError, type WorkflowHandle } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
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
import { journeyWorkflowOptions } from '../bundle-options';
import { FakeServices, type FakeTask } from './fake-services';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** A history event id (a protobuf Long) as a number. */
const eventNumber = (id: { toString(): string } | number | null | undefined): number => Number(String(id ?? 0));

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
        ...journeyWorkflowOptions(),
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
      this.workers.push(
        await Worker.create({ connection, namespace: 'easi', taskQueue, activities: this.services.activitiesFor(service) }),
      );
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

  async startJourney(
    policy: Partial<JourneyPolicy> = {},
    trigger = newTrigger(),
  ): Promise<{ journeyRef: string; handle: WorkflowHandle; trigger: JourneyTrigger }> {
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

  waitTask(journeyRef: string, kind: TaskKind, timeoutMs = 20_000): Promise<FakeTask> {
    return this.services.until(`an open ${kind} task for ${journeyRef}`, () => this.services.openTask(journeyRef, kind), timeoutMs);
  }

  /** A person's decision, sent as the services send it: an Update to the task's workflow. */
  async decide(
    journeyRef: string,
    kind: TaskKind,
    decision: Record<string, unknown>,
    reason = `${kind} decided`,
    by = 'police:test-officer',
  ): Promise<void> {
    const task = await this.waitTask(journeyRef, kind);
    // A booked session's outcome is refused before its time, by the journey's clock (the server's, this
    // machine's): the condition is the clock passing that time, so waiting for it is the synchronisation.
    const at = typeof task.context.scheduledFor === 'string' ? Date.parse(task.context.scheduledFor) : 0;
    if (at > Date.now()) await new Promise((resolve) => setTimeout(resolve, at - Date.now() + 20));
    await this.client.workflow
      .getHandle(task.workflowId)
      .executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, decision, by, reason }] });
    task.status = 'completed';
  }

  async toIntervention(
    journeyRef: string,
    disposal: Record<string, unknown> = { disposal: 'spo-requirement', conditions: [] },
  ): Promise<void> {
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

  /**
   * The journey's state once `test` holds: queried now and again each time the journey's history
   * grows (its state changes only in a workflow task, which the history records).
   */
  untilState(handle: WorkflowHandle, what: string, test: (s: JourneyState) => boolean, timeoutMs = 20_000): Promise<JourneyState> {
    return this.withinDeadline(what, timeoutMs, async () => {
      for await (const _ of this.historyBatches({ workflowId: handle.workflowId })) {
        const state = await this.state(handle);
        if (test(state)) return state;
      }
      throw new Error(`${handle.workflowId} closed without ${what}`);
    });
  }

  /** The first event in a run's history (recorded or yet to be) that matches. */
  untilEvent(
    execution: { workflowId: string; runId?: string },
    what: string,
    match: (e: HistoryEvent) => boolean,
    timeoutMs = 20_000,
  ): Promise<HistoryEvent> {
    return this.withinDeadline(what, timeoutMs, async () => {
      for await (const events of this.historyBatches(execution)) {
        const found = events.find(match);
        if (found) return found;
      }
      throw new Error(`${execution.workflowId} closed without ${what}`);
    });
  }

  /**
   * The first run id of a child the workflow started, once a workflow task of the parent has seen it
   * start: from then on the parent holds its handle (the journey forwards police events to monitoring).
   */
  async untilChildStarted(parent: WorkflowHandle, childWorkflowId: string, timeoutMs = 20_000): Promise<string | undefined> {
    const started = await this.untilEvent(
      { workflowId: parent.workflowId },
      `${childWorkflowId} to start`,
      (e) => e.childWorkflowExecutionStartedEventAttributes?.workflowExecution?.workflowId === childWorkflowId,
      timeoutMs,
    );
    const startedAt = eventNumber(started.eventId);
    // A workflow task already running when the child started did not see it: the one that saw it started after it.
    await this.untilEvent(
      { workflowId: parent.workflowId },
      `${parent.workflowId} to see ${childWorkflowId} start`,
      (e) => eventNumber(e.workflowTaskCompletedEventAttributes?.startedEventId) > startedAt,
      timeoutMs,
    );
    return started.childWorkflowExecutionStartedEventAttributes?.workflowExecution?.runId ?? undefined;
  }

  /** A run's history as the server records it: what is there, then each new batch (a long poll), until the run closes. */
  private async *historyBatches(execution: { workflowId: string; runId?: string }): AsyncGenerator<HistoryEvent[]> {
    let nextPageToken: Uint8Array | undefined;
    for (;;) {
      const res = await this.client.workflowService.getWorkflowExecutionHistory({
        namespace: 'easi',
        execution,
        nextPageToken,
        waitNewEvent: true,
        skipArchival: true,
      });
      yield res.history?.events ?? [];
      if (!res.nextPageToken?.length) return;
      nextPageToken = res.nextPageToken;
    }
  }

  /** Every server call in `work` shares the deadline, so a wait that is never satisfied fails naming what it waited for. */
  private async withinDeadline<T>(what: string, timeoutMs: number, work: () => Promise<T>): Promise<T> {
    try {
      return await this.client.withDeadline(Date.now() + timeoutMs, work);
    } catch (error) {
      if (isGrpcDeadlineError(error)) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      throw error;
    }
  }
}
