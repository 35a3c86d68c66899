/**
 * Journey benchmark, in one run on the same Temporal server:
 *  (a) the engine's baseline: one-activity workflows per second;
 *  (b) journeys from custody event to closure with short timers, every decision made through the
 *      services' task APIs by a scripted team, as activities per second inside journeys;
 *  (c) the journey worker's RSS with 2,000 journeys open and waiting on people.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { mintDevToken } from '@easi/auth';
import { loadConfig, temporalEnv } from '@easi/config';
import {
  JOURNEY_POLICY_HEADER,
  JOURNEY_WORKFLOW_TYPE,
  SHORT_JOURNEY_POLICY,
  TASK_QUEUES,
  interventionWorkflowId,
  journeyWorkflowId,
  monitoringWorkflowId,
  policeEventSignal,
  victimSupportWorkflowId,
  type Agency,
  type JourneyInput,
  type Role,
  type ServiceName,
} from '@easi/contracts';
import type { TaskView } from '@easi/tasks';
import { easiDataConverter } from '@easi/temporal';
import {
  APPS,
  TaskInboxClient,
  eligibleScreeningForm,
  msUntilActionable,
  riskAssessments,
  sampleCustodyEvent,
  startApp,
  stopApp,
  waitForHealth,
  withPayloadKeys,
  type RunningApp,
} from '@easi/testing';
import { round, type BenchContext, type BenchFigures } from './bench-context';

const BARE_WORKFLOWS = Number(process.env.EASI_BENCH_BARE ?? 200);
/** How often each scripted team looks at its inbox (a person's screen refreshing). */
const TEAM_POLL_MS = Number(process.env.EASI_BENCH_TEAM_POLL_MS ?? 250);
/** (b) stops waiting after this long and reports what closed: the whole bench must stay under 10 minutes. */
const DRIVEN_BUDGET_MS = Number(process.env.EASI_BENCH_DRIVEN_BUDGET_MS ?? 240_000);
/** (c) measures with what is open and waiting by then. */
const OPEN_BUDGET_MS = Number(process.env.EASI_BENCH_OPEN_BUDGET_MS ?? 240_000);
const JOURNEYS = Number(process.env.EASI_BENCH_JOURNEYS ?? 200);
const OPEN_JOURNEYS = Number(process.env.EASI_BENCH_OPEN_JOURNEYS ?? 2000);
const PORTS: Record<ServiceName, number> = { screening: 4501, referral: 4502, intervention: 4503, 'victim-support': 4504 };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` over `items` with at most `limit` in flight. */
const pool = async <T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
};

const bareBaseline = async (
  ctx: BenchContext,
  connection: NativeConnection,
  client: Client,
  dataConverter: DataConverter,
): Promise<number> => {
  const taskQueue = `bench-bare-${Date.now().toString(36)}`;
  // Payloads encrypted as the journeys' are, so the baseline pays what they pay.
  const worker = await Worker.create({
    connection,
    dataConverter,
    namespace: client.options.namespace,
    taskQueue,
    workflowsPath: join(ctx.root, 'workflows/src/bench/one-activity.workflow.ts'),
    activities: { noop: async (n: number) => n },
  });
  return worker.runUntil(async () => {
    const ids = Array.from({ length: BARE_WORKFLOWS }, (_, i) => `${taskQueue}-${i}`);
    const t0 = Date.now();
    const handles = await Promise.all(
      ids.map((workflowId, i) => client.workflow.start('oneActivity', { workflowId, taskQueue, args: [i] })),
    );
    await Promise.all(handles.map((h) => h.result()));
    const seconds = (Date.now() - t0) / 1000;
    ctx.log(`(a) ${BARE_WORKFLOWS} one-activity workflows in ${seconds.toFixed(1)} s`);
    return BARE_WORKFLOWS / seconds;
  });
};

type Platform = { apps: RunningApp[]; journeyWorker: RunningApp; url: (s: ServiceName) => string };

const startPlatform = async (ctx: BenchContext): Promise<Platform> => {
  const env: NodeJS.ProcessEnv = { ...ctx.env };
  for (const app of APPS) if (app.portEnv && app.name in PORTS) env[app.portEnv] = String(PORTS[app.name as ServiceName]);
  const logDir = join(ctx.root, '.easi', 'logs', 'bench');
  const apps = APPS.map((app) => startApp(ctx.root, app, env, logDir, false));
  await Promise.all(
    apps
      .filter((a) => a.port !== undefined)
      .map((a) => waitForHealth(`http://127.0.0.1:${a.port}/health`, 120_000, () => a.child.exitCode === null)),
  );
  const journeyWorker = apps.find((a) => a.app.name === 'journey-worker') as RunningApp;
  return { apps, journeyWorker, url: (s) => `http://127.0.0.1:${PORTS[s]}` };
};

const rssMiB = (pid: number): number => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kb / 1024;
};

const tokenCache = new Map<string, Promise<string>>();
const token = (agency: Agency, role: Role): Promise<string> => {
  const key = `${agency}/${role}`;
  if (!tokenCache.has(key)) tokenCache.set(key, mintDevToken({ agency, roles: [role], expiresIn: '1h', subject: `bench-${role}` }));
  return tokenCache.get(key) as Promise<string>;
};

/**
 * The exits of the benchmark's journeys: half go the whole way (six sessions, monitoring, closure),
 * the other half leave at each of the programme's exits, as detected journeys do.
 */
type Script = 'completed' | 'ineligible' | 'high-risk' | 'triage-declined' | 'consent-declined' | 'non-attendance';
const MIX: Script[] = [
  'completed',
  'ineligible',
  'completed',
  'high-risk',
  'completed',
  'triage-declined',
  'completed',
  'consent-declined',
  'completed',
  'non-attendance',
];

/** A scripted journey: its exit, and the person it screens (whose DASH the team files). */
type Scripted = { script: Script; personRef: string };

/** What the scripted team decides for each task, given the journey's script. */
const decisionFor = (task: TaskView, { script, personRef }: Scripted): Record<string, unknown> | undefined => {
  switch (task.kind) {
    case 'isac-contact':
      return { engagement: 'declined' };
    case 'eligibility-screening':
      // The risk level comes from the DASH filed for the person (high for the high-risk script).
      if (script === 'ineligible') return { ...eligibleScreeningForm(personRef), interviewAccount: 'denied' };
      return eligibleScreeningForm(personRef);
    case 'triage-decision':
      return { outcome: script === 'triage-declined' ? 'no-further-action' : 'refer-to-easi', actions: [] };
    case 'disposal-decision':
      return { disposal: 'spo-requirement', conditions: [] };
    case 'consent-contract':
      return { consent: script === 'consent-declined' ? 'declined' : 'signed', contractVersion: '1' };
    case 'psychometrics-pre':
    case 'psychometrics-post':
      return { instruments: ['AAQ-II'] };
    case 'session-outcome':
      return { sessionNumber: task.context.sessionNumber, outcome: script === 'non-attendance' ? 'missed' : 'attended' };
    case 'non-compliance-decision':
      return { action: 'other-action', detail: 'warning letter' };
    default:
      return undefined;
  }
};

const drivenJourneys = async (
  ctx: BenchContext,
  platform: Platform,
  client: Client,
): Promise<{
  activitiesPerSec: number;
  closed: number;
  perJourney: number;
  workflowTasksPerActivity: number;
  confirmationShare: number;
}> => {
  const area = `B${Date.now().toString(36).toUpperCase().slice(-7)}`;
  const since = new Date(Date.now() - 1000).toISOString();
  const inboxes: TaskInboxClient[] = [
    new TaskInboxClient(platform.url('screening'), () => token('police', 'investigator'), 120_000),
    new TaskInboxClient(platform.url('referral'), () => token('police', 'tactical-lead'), 120_000),
    new TaskInboxClient(platform.url('intervention'), () => token('psychology', 'psychologist'), 120_000),
    new TaskInboxClient(platform.url('victim-support'), () => token('victim-service', 'isac'), 120_000),
  ];
  const ours = new Map<string, Scripted>();
  const inFlight = new Set<string>();
  let refusals = 0;
  let failures = 0;
  let done = false;

  // A team per inbox: looks at its queue every 100 ms and decides what is new, many at once, without
  // waiting for one batch to finish before looking again (people work in parallel).
  const decisions: Promise<void>[] = [];
  const team = async (inbox: TaskInboxClient): Promise<void> => {
    while (!done) {
      // Every page: other journeys' tasks (e.g. (c)'s, should any still be opening) must not hide ours.
      const items: TaskView[] = [];
      for (let offset = 0; offset < 2000; offset += 200) {
        const page = await inbox
          .list({ status: 'open', createdAfter: since, limit: 200, offset })
          .catch(() => ({ items: [] as TaskView[] }));
        items.push(...page.items);
        if (page.items.length < 200) break;
      }
      for (const t of items) {
        const scripted = ours.get(t.journeyRef);
        const decision = scripted ? decisionFor(t, scripted) : undefined;
        // A booked session is decided once it has taken place, as the psychologist would.
        if (inFlight.has(t.taskId) || !decision || msUntilActionable(t) > 0) continue;
        inFlight.add(t.taskId);
        decisions.push(
          inbox.complete(t.taskId, decision, 'scripted bench decision').then(
            (res) => {
              if (res.status === 200) return;
              // Refused (e.g. judged a moment early by the journey's clock): looked at again next round.
              refusals += 1;
              inFlight.delete(t.taskId);
            },
            () => {
              // Timed out on a busy machine: look at it again on the next round.
              failures += 1;
              inFlight.delete(t.taskId);
            },
          ),
        );
      }
      await sleep(TEAM_POLL_MS);
    }
  };

  const policy = 'short; sessionSpacing=100 ms; monitoringPeriod=1 s';
  const t0 = Date.now();
  const teams = inboxes.map((i) => team(i));
  await pool(
    Array.from({ length: JOURNEYS }, (_, i) => i),
    16,
    async (i) => {
      const event = sampleCustodyEvent({ policeArea: area });
      const script = MIX[i % MIX.length] as Script;
      // The investigator files the person's DASH (and the S-DASH it opens) before the screening task is decided.
      for (const assessment of riskAssessments(event.suspect.personRef, script === 'high-risk' ? 'high' : 'medium')) {
        const filed = await fetch(`${platform.url('screening')}/assessments`, {
          method: 'POST',
          headers: { authorization: `Bearer ${await token('police', 'investigator')}`, 'content-type': 'application/json' },
          body: JSON.stringify(assessment),
        });
        if (filed.status !== 201) throw new Error(`${String(assessment.instrument)} answered ${filed.status}: ${await filed.text()}`);
      }
      const res = await fetch(`${platform.url('screening')}/custody-events`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await token('police', 'operator')}`,
          'content-type': 'application/json',
          [JOURNEY_POLICY_HEADER]: policy,
        },
        body: JSON.stringify(event),
      });
      const body = (await res.json()) as { journeyRef?: string };
      if (res.status !== 202 || !body.journeyRef) throw new Error(`custody event answered ${res.status}: ${JSON.stringify(body)}`);
      ours.set(body.journeyRef, { script, personRef: event.suspect.personRef });
    },
  );
  ctx.log(`(b) ${JOURNEYS} custody events sent in ${((Date.now() - t0) / 1000).toFixed(1)} s; the scripted team decides every task`);
  // Each journey's result, long-polled (a visibility count every second costs the server more than it tells).
  const deadline = t0 + DRIVEN_BUDGET_MS;
  let closed = 0;
  const outcomes = new Map<string, number>();
  const results = [...ours.keys()].map((ref) =>
    client.workflow
      .getHandle(journeyWorkflowId(ref))
      .result()
      .then(
        (state: unknown) => {
          closed += 1;
          const outcome = `${ours.get(ref)?.script} → ${(state as { outcome?: string }).outcome ?? '?'}`;
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        },
        () => undefined,
      ),
  );
  const allClosed = Promise.all(results);
  let lastLog = Date.now();
  while (closed < JOURNEYS && Date.now() < deadline) {
    await Promise.race([allClosed, sleep(500)]);
    if (Date.now() - lastLog > 15_000) {
      ctx.log(`    ${closed}/${JOURNEYS} closed after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      lastLog = Date.now();
    }
  }
  const seconds = (Date.now() - t0) / 1000;
  done = true;
  await Promise.all(teams);
  await Promise.all(decisions);
  ctx.log(`(b) ${closed} journeys closed in ${seconds.toFixed(1)} s (${refusals} refused completions, ${failures} timed out and retried)`);
  ctx.log(`(b) scripted exit → outcome: ${[...outcomes].map(([k, n]) => `${k} ×${n}`).join('; ')}`);

  // Activities completed inside the journeys (and their children) during the window, from their histories.
  const windowEnd = t0 + seconds * 1000;
  let activities = 0;
  let confirmations = 0;
  let workflowTasks = 0;
  let activitiesAll = 0;
  let perClosedJourney = 0;
  await pool([...ours.keys()], 20, async (ref) => {
    let mine = 0;
    for (const id of [journeyWorkflowId(ref), interventionWorkflowId(ref), monitoringWorkflowId(ref), victimSupportWorkflowId(ref)]) {
      const history = await client.workflow
        .getHandle(id)
        .fetchHistory()
        .catch(() => undefined);
      const confirming = new Set<string>();
      for (const e of history?.events ?? []) {
        if (e.workflowTaskCompletedEventAttributes) workflowTasks += 1;
        if (e.activityTaskScheduledEventAttributes?.activityType?.name === 'confirmDecision') confirming.add(String(e.eventId));
        if (!e.activityTaskCompletedEventAttributes) continue;
        activitiesAll += 1;
        if (confirming.has(String(e.activityTaskCompletedEventAttributes.scheduledEventId))) confirmations += 1;
        mine += 1;
        if (e.eventTime && Number(e.eventTime.seconds) * 1000 <= windowEnd) activities += 1;
      }
    }
    perClosedJourney = Math.max(perClosedJourney, mine);
  });
  // The engine's cost is per workflow task: a bare one-activity workflow spends two per activity.
  ctx.log(`(b) at most ${perClosedJourney} activities in one journey (the whole programme)`);
  return {
    activitiesPerSec: activities / seconds,
    closed,
    perJourney: activitiesAll / Math.max(1, ours.size),
    workflowTasksPerActivity: workflowTasks / Math.max(1, activitiesAll),
    confirmationShare: confirmations / Math.max(1, activitiesAll),
  };
};

const openJourneys = async (
  ctx: BenchContext,
  platform: Platform,
  client: Client,
): Promise<{ open: number; rss: number; area: string }> => {
  const area = `O${Date.now().toString(36).toUpperCase().slice(-7)}`;
  // Waiting on the screening task for days: nothing times out while the worker holds them.
  const policy = { ...SHORT_JOURNEY_POLICY, screeningDeadline: '30 days' };
  const t0 = Date.now();
  await pool(
    Array.from({ length: OPEN_JOURNEYS }, (_, i) => i),
    100,
    async (i) => {
      const event = sampleCustodyEvent({ policeArea: area, victimRefs: [] });
      const journeyRef = `jr-bench-${area.toLowerCase()}-${i}`;
      const trigger = {
        kind: 'custody-event' as const,
        sourceEventId: event.eventId,
        policeArea: area,
        personRef: event.suspect.personRef,
        victimRefs: [],
        relationshipToVictim: 'former-partner' as const,
        offenceFamilies: ['stalking' as const],
        occurredAt: event.occurredAt,
      };
      const input: JourneyInput = { journeyRef, trigger, policy };
      await client.workflow.signalWithStart(JOURNEY_WORKFLOW_TYPE, {
        workflowId: journeyWorkflowId(journeyRef),
        taskQueue: TASK_QUEUES.journeys,
        args: [input],
        signal: policeEventSignal,
        signalArgs: [trigger],
      });
    },
  );
  ctx.log(
    `(c) ${OPEN_JOURNEYS} journeys started in ${((Date.now() - t0) / 1000).toFixed(1)} s; waiting until each waits on its screening task`,
  );
  // A journey waits on people once its screening task row exists (the row is written just before it waits).
  const db = new PgClient({ connectionString: ctx.env.DATABASE_URL });
  await db.connect();
  const waiting = async (): Promise<number> => {
    const res = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM screening.human_task WHERE journey_ref LIKE $1 AND kind = 'eligibility-screening' AND status = 'open'`,
      [`jr-bench-${area.toLowerCase()}-%`],
    );
    return Number(res.rows[0]?.n ?? 0);
  };
  let open = 0;
  const deadline = t0 + OPEN_BUDGET_MS;
  try {
    while (open < OPEN_JOURNEYS && Date.now() < deadline) {
      await sleep(2000);
      open = await waiting().catch(() => open);
    }
  } finally {
    await db.end();
  }
  await sleep(2000);
  const rss = rssMiB(platform.journeyWorker.child.pid as number);
  ctx.log(
    `(c) ${open} journeys open and waiting on people after ${((Date.now() - t0) / 1000).toFixed(1)} s; journey worker RSS ${rss.toFixed(0)} MiB`,
  );
  return { open, rss, area };
};

/**
 * Leaves nothing running behind: the server terminates the benchmark's open journeys in one batch,
 * and the bench waits for it, so the next part does not share the engine with 2,000 terminations.
 */
const terminateOpen = async (ctx: BenchContext, client: Client, area: string): Promise<void> => {
  const namespace = client.options.namespace;
  const jobId = `bench-cleanup-${area}`;
  const t0 = Date.now();
  await client.workflowService.startBatchOperation({
    namespace,
    jobId,
    reason: 'benchmark finished',
    visibilityQuery: `WorkflowType = '${JOURNEY_WORKFLOW_TYPE}' AND EasiPoliceArea = '${area}' AND ExecutionStatus = 'Running'`,
    terminationOperation: {},
  });
  const RUNNING = 1; // BATCH_OPERATION_STATE_RUNNING
  while (Date.now() - t0 < 180_000) {
    await sleep(2000);
    const job = await client.workflowService.describeBatchOperation({ namespace, jobId }).catch(() => undefined);
    if (job && job.state !== RUNNING) break;
  }
  ctx.log(`    open journeys terminated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
};

export const run = async (ctx: BenchContext): Promise<BenchFigures> => {
  const address = ctx.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const namespace = ctx.env.TEMPORAL_NAMESPACE ?? 'easi';
  const connection = await Connection.connect({ address });
  const nativeConnection = await NativeConnection.connect({ address });
  const dataConverter = easiDataConverter(loadConfig(temporalEnv, withPayloadKeys(ctx.root, ctx.env)).TEMPORAL_PAYLOAD_KEYS);
  const client = new Client({ connection, namespace, dataConverter });
  let platform: Platform | undefined;
  try {
    // The baseline before and after (b), averaged: the machine's other work drifts over ten minutes.
    // Both with the platform running and idle, as it is around (b).
    platform = await startPlatform(ctx);
    const bareBefore = await bareBaseline(ctx, nativeConnection, client, dataConverter);
    // The open journeys first: they then wait, idle, while (b) runs beside them, as in production.
    const open = await openJourneys(ctx, platform, client);
    const journeys = await drivenJourneys(ctx, platform, client);
    ctx.log(`(b) ${journeys.perJourney.toFixed(1)} activities per journey on average`);
    const bareAfter = await bareBaseline(ctx, nativeConnection, client, dataConverter);
    await terminateOpen(ctx, client, open.area);
    const bare = (bareBefore + bareAfter) / 2;
    ctx.log(`(a) baseline ${bareBefore.toFixed(1)}/s before and ${bareAfter.toFixed(1)}/s after (b): ${bare.toFixed(1)}/s`);
    return {
      bareActivitiesPerSec: round(bare),
      bareBeforePerSec: round(bareBefore),
      bareAfterPerSec: round(bareAfter),
      journeyActivitiesPerSec: round(journeys.activitiesPerSec),
      journeyRatio: round(journeys.activitiesPerSec / bare),
      // The same without the decision confirmations (cheap idempotent writes), for a stricter reading.
      journeyRatioWithoutConfirmations: round((journeys.activitiesPerSec * (1 - journeys.confirmationShare)) / bare),
      journeys: journeys.closed,
      activitiesPerJourney: round(journeys.perJourney, 1),
      workflowTasksPerActivity: round(journeys.workflowTasksPerActivity),
      openJourneys: open.open,
      journeyWorkerRssMiB: round(open.rss, 0),
    };
  } finally {
    if (platform) await Promise.all(platform.apps.map((a) => stopApp(a)));
    await nativeConnection.close();
    await connection.close();
  }
};
