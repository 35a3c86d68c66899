import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import {
  KAFKA_HEADERS,
  TOPICS,
  deadLetterTopic,
  journeyStateQuery,
  journeyWorkflowId,
  policeEventSignal,
  type JourneyState,
} from '@easi/contracts';
import {
  APPS,
  KafkaTap,
  sampleCrimeReport,
  sampleCustodyEvent,
  startApp,
  stopApp,
  uniqueRef,
  waitFor,
  waitForHealth,
  type RunningApp,
} from '@easi/testing';
import { http, platformTemporalClient, tokenFor } from '../src';

type IngestItem = { eventId: string; duplicate: boolean; journeyRef: string | null; workflowId: string | null };
type BulkResult = { received: number; stored: number; duplicates: number; items: IngestItem[] };
type Refusal = { statusCode: number; issues: string[] };
type ReportView = { reportRef: string; versions: { version: number }[] };
type Ingestion = { received: number; deadLettered: number };

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
// Its own port (EASI_E2E_PORT_BASE + 31), so it runs beside the other suites.
const SCREENING_PORT = Number(process.env.EASI_E2E_PORT_BASE ?? 4100) + 31;
const root = join(__dirname, '..', '..');
const running: RunningApp[] = [];
const tap = new KafkaTap(brokers, [deadLetterTopic(TOPICS.crimeReports), deadLetterTopic(TOPICS.custodyEvents)]);
let temporal: Client;
let producer: Producer;
let police: string;

const screening = (path: string): string => `http://127.0.0.1:${SCREENING_PORT}${path}`;
const NUL_NARRATIVE = 'He sent a message\u0000 that the system could not store.';
const TOO_BIG_VERSION = 3_000_000_000;

const reportStored = (reportRef: string): Promise<ReportView> =>
  waitFor(`report ${reportRef} to be stored`, async () => {
    const res = await http<ReportView>('GET', screening(`/crime-reports/${reportRef}`), { token: police });
    return res.status === 200 ? res.body : undefined;
  });

const timelineEvents = async (workflowId: string): Promise<number> =>
  (await temporal.workflow.getHandle(workflowId).query<JourneyState>(journeyStateQuery)).timeline.filter((t) =>
    t.what.startsWith('New custody event'),
  ).length;

/** The custody events Temporal handed the workflow (signal-with-start records its signal too): written before the call returns. */
const signalsTo = async (workflowId: string): Promise<number> =>
  ((await temporal.workflow.getHandle(workflowId).fetchHistory()).events ?? []).filter(
    (e) => e.workflowExecutionSignaledEventAttributes?.signalName === policeEventSignal.name,
  ).length;

const runsOf = async (workflowId: string): Promise<number> => {
  let n = 0;
  for await (const _ of temporal.workflow.list({ query: `WorkflowId = '${workflowId}'` })) n += 1;
  return n;
};

beforeAll(async () => {
  police = await tokenFor('police', 'investigator');
  temporal = await platformTemporalClient();
  producer = new Kafka({ clientId: 'e2e-ingest-poison', brokers, logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', SCREENING_PORT: String(SCREENING_PORT) };
  const logDir = join(root, '.easi', 'logs', 'e2e-ingest-poison');
  for (const name of ['screening', 'journey-worker'])
    running.push(
      startApp(
        root,
        APPS.find((a) => a.name === name)!,
        env,
        logDir,
        process.env.EASI_ECHO_LOGS === '1',
      ),
    );
  const api = running[0]!;
  await Promise.all([
    tap.start(),
    waitForHealth(screening('/health'), 90_000, () => api.child.exitCode === null && api.child.signalCode === null),
  ]);
});

afterAll(async () => {
  await Promise.all(running.map((app) => stopApp(app)));
  await tap.stop();
  await producer.disconnect();
  await temporal.connection.close();
});

describe('values Postgres cannot store', () => {
  it('should dead-letter a NUL narrative and an over-large version with the field and carry on when they arrive on the crime-reports topic', async () => {
    const nul = sampleCrimeReport({ narrative: NUL_NARRATIVE });
    const big = sampleCrimeReport({ version: TOO_BIG_VERSION });
    const good = sampleCrimeReport();
    await producer.send({
      topic: TOPICS.crimeReports,
      messages: [nul, big, good].map((r) => ({ key: r.reportRef, value: JSON.stringify(r) })),
    });

    const deadNul = await tap.waitFor((m) => m.topic === deadLetterTopic(TOPICS.crimeReports) && m.key === nul.reportRef);
    expect(deadNul.headers[KAFKA_HEADERS.deadLetterReason]).toContain('narrative: must not contain the NUL character');
    expect(deadNul.headers[KAFKA_HEADERS.deadLetterSourceTopic]).toBe(TOPICS.crimeReports);
    const deadBig = await tap.waitFor((m) => m.topic === deadLetterTopic(TOPICS.crimeReports) && m.key === big.reportRef);
    expect(deadBig.headers[KAFKA_HEADERS.deadLetterReason]).toContain('version: must be at most 2147483647');
    await reportStored(good.reportRef);

    // The consumer carries on: a later report on the same topic is stored too.
    const later = sampleCrimeReport();
    await producer.send({ topic: TOPICS.crimeReports, messages: [{ key: later.reportRef, value: JSON.stringify(later) }] });
    await reportStored(later.reportRef);
    const ingestion = await http<Ingestion>('GET', screening('/crime-reports/ingestion'), {
      token: await tokenFor('police', 'supervisor'),
    });
    expect(ingestion.body.deadLettered).toBeGreaterThanOrEqual(2);
  });

  it('should answer 400 naming the field when a NUL narrative or an over-large version is posted, one or in bulk', async () => {
    const nul = await http<Refusal>('POST', screening('/crime-reports'), {
      token: police,
      body: sampleCrimeReport({ narrative: NUL_NARRATIVE }),
    });
    expect(nul.status).toBe(400);
    expect(nul.body.issues).toEqual(['narrative: must not contain the NUL character (\\u0000)']);
    const big = await http<Refusal>('POST', screening('/crime-reports'), {
      token: police,
      body: sampleCrimeReport({ version: TOO_BIG_VERSION }),
    });
    expect(big.status).toBe(400);
    expect(big.body.issues).toEqual(['version: must be at most 2147483647 (the largest integer stored)']);

    const good = sampleCrimeReport();
    const bulk = await http<Refusal>('POST', screening('/crime-reports/bulk'), {
      token: police,
      body: [
        good,
        sampleCrimeReport({ narrative: NUL_NARRATIVE }),
        sampleCrimeReport({ version: TOO_BIG_VERSION, occurredAt: '0000-01-01T00:00:00Z' }),
      ],
    });
    expect(bulk.status).toBe(400);
    expect(bulk.body.issues).toEqual([
      '1.narrative: must not contain the NUL character (\\u0000)',
      '2.version: must be at most 2147483647 (the largest integer stored)',
      '2.occurredAt: must be a date-time from year 0001 with an offset within ±15:59',
    ]);
    expect((await http('GET', screening(`/crime-reports/${good.reportRef}`), { token: police })).status).toBe(404);
  });

  it('should dead-letter a custody event with NUL in its legislation and answer 400 when it is posted', async () => {
    const bad = sampleCustodyEvent({ offences: [{ family: 'stalking', legislation: 'PHA 1997\u0000 s2A' }] });
    const good = sampleCustodyEvent({ offences: [{ family: 'theft' }] });
    await producer.send({ topic: TOPICS.custodyEvents, messages: [bad, good].map((e) => ({ key: e.eventId, value: JSON.stringify(e) })) });
    const dead = await tap.waitFor((m) => m.topic === deadLetterTopic(TOPICS.custodyEvents) && m.key === bad.eventId);
    expect(dead.headers[KAFKA_HEADERS.deadLetterReason]).toContain('offences.0.legislation: must not contain the NUL character');
    await waitFor('the good event to be stored', async () =>
      (await http('GET', screening(`/custody-events/${good.eventId}`), { token: police })).status === 200 ? true : undefined,
    );

    const posted = await http<Refusal>('POST', screening('/custody-events'), { token: police, body: bad });
    expect(posted.status).toBe(400);
    expect(posted.body.issues).toEqual(['offences.0.legislation: must not contain the NUL character (\\u0000)']);
  });
});

describe('POST /custody-events/bulk', () => {
  it('should answer 403 when the token belongs to another agency', async () => {
    const res = await http('POST', screening('/custody-events/bulk'), {
      token: await tokenFor('victim-service', 'isac'),
      body: [sampleCustodyEvent()],
    });
    expect(res.status).toBe(403);
  });

  it('should answer 400 naming each bad item by index and store nothing when one event is invalid', async () => {
    const good = sampleCustodyEvent();
    const res = await http<Refusal>('POST', screening('/custody-events/bulk'), {
      token: police,
      body: [good, { ...sampleCustodyEvent(), suspect: { personRef: 'Jane Smith' } }, { ...sampleCustodyEvent(), offences: [] }],
    });
    expect(res.status).toBe(400);
    expect(res.body.issues.some((i) => i.startsWith('1.suspect.personRef:'))).toBe(true);
    expect(res.body.issues.some((i) => i.startsWith('2.offences:'))).toBe(true);
    expect((await http('GET', screening(`/custody-events/${good.eventId}`), { token: police })).status).toBe(404);
  });

  it('should answer 400 when the bulk is empty or holds more than 1,000 events', async () => {
    const empty = await http<Refusal>('POST', screening('/custody-events/bulk'), { token: police, body: [] });
    expect(empty.status).toBe(400);
    const tooMany = await http<Refusal>('POST', screening('/custody-events/bulk'), {
      token: police,
      body: Array.from({ length: 1001 }, () => sampleCustodyEvent({ offences: [{ family: 'theft' }] })),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.issues).toEqual(['(root): at most 1000 custody events per request']);
  });

  it('should store 1,000 events once and report each as a duplicate when the same bulk is sent twice', async () => {
    // Offences no journey screens, so the size is tested without starting 1,000 journeys.
    const events = Array.from({ length: 1000 }, () =>
      sampleCustodyEvent({ offences: [{ family: 'theft', legislation: 'Theft Act 1968 s1' }] }),
    );
    const first = await http<BulkResult>('POST', screening('/custody-events/bulk'), { token: police, body: events });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ received: 1000, stored: 1000, duplicates: 0 });
    const again = await http<BulkResult>('POST', screening('/custody-events/bulk'), { token: police, body: events });
    expect(again.body).toMatchObject({ received: 1000, stored: 0, duplicates: 1000 });
    expect(again.body.items.every((i, n) => i.eventId === events[n]!.eventId && i.duplicate && i.journeyRef === null)).toBe(true);
  });

  it('should start each journey once, hand it every event of the bulk, and start none when the bulk is sent again', async () => {
    const person = { personRef: uniqueRef('P'), ageYears: 30, residesInForceArea: true };
    const other = { personRef: uniqueRef('P'), ageYears: 41, residesInForceArea: true };
    const arrested = sampleCustodyEvent({ suspect: person });
    const charged = sampleCustodyEvent({ suspect: person, victimRefs: arrested.victimRefs, eventType: 'charged' });
    const otherArrest = sampleCustodyEvent({ suspect: other });
    const noJourney = sampleCustodyEvent({ offences: [{ family: 'criminal-damage' }] });
    const bulk = [arrested, charged, otherArrest, noJourney, arrested];

    const first = await http<BulkResult>('POST', screening('/custody-events/bulk'), { token: police, body: bulk });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ received: 5, stored: 4, duplicates: 1 });
    expect(first.body.items.map((i) => [i.eventId, i.duplicate])).toEqual(bulk.map((e, n) => [e.eventId, n === 4]));
    const [a, b, c, d] = first.body.items as [IngestItem, IngestItem, IngestItem, IngestItem];
    expect(a.workflowId).toBe(journeyWorkflowId(a.journeyRef!));
    expect(b.journeyRef).toBe(a.journeyRef);
    expect(c.journeyRef).not.toBe(a.journeyRef);
    expect(d).toMatchObject({ journeyRef: null, workflowId: null });
    const workflows = [a.workflowId!, c.workflowId!];

    await waitFor('the second event to reach the first journey', async () =>
      (await timelineEvents(workflows[0]!)) >= 1 ? true : undefined,
    );
    const runIds = await Promise.all(workflows.map(async (id) => (await temporal.workflow.getHandle(id).describe()).runId));
    for (const id of workflows) await waitFor(`visibility to list ${id}`, async () => ((await runsOf(id)) > 0 ? true : undefined));

    expect(await Promise.all(workflows.map(signalsTo))).toEqual([2, 1]);

    const again = await http<BulkResult>('POST', screening('/custody-events/bulk'), { token: police, body: bulk });
    expect(again.body).toMatchObject({ received: 5, stored: 0, duplicates: 5 });
    expect(again.body.items.map((i) => i.journeyRef)).toEqual(first.body.items.map((i) => i.journeyRef));
    // The service hands events over before it answers, and Temporal records a signal (or a start)
    // before its call returns: anything the resend handed over is in the histories by now.
    expect(await Promise.all(workflows.map(signalsTo))).toEqual([2, 1]);
    for (const [n, id] of workflows.entries()) {
      expect(await runsOf(id)).toBe(1);
      expect((await temporal.workflow.getHandle(id).describe()).runId).toBe(runIds[n]);
    }
    // One start and one signal for the person arrested then charged; nothing more after the resend.
    expect(await timelineEvents(workflows[0]!)).toBe(1);
    expect(await timelineEvents(workflows[1]!)).toBe(0);
  });
});
