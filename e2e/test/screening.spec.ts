import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import {
  DAILY_SCREENING_SCHEDULE_ID,
  DAILY_SCREENING_WORKFLOW_TYPE,
  KAFKA_HEADERS,
  TASK_QUEUES,
  TOPICS,
  deadLetterTopic,
  screeningProgressQuery,
  type CrimeReportV1Input,
  type ScreeningProgress,
  type DailyScreeningInput,
  type DailyScreeningResult,
} from '@easi/contracts';
import { join } from 'node:path';
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
import { dayString, freeScreeningMonday, http, platformTemporalClient, tokenFor } from '../src';

type Hit = {
  id: string;
  sourceRef: string;
  sourceVersion: number;
  flags: { code: string; text: string; explanations?: { rule: string; text: string; matched: string[] }[] }[];
  suggestedActions: string[];
  taskId: string | null;
  taskKind: string | null;
};
type DayList = { day: string; total: number; items: Hit[] };
type Run = { day: string; status: string; executions: number; reportsTotal: number; reportsScreened: number; hits: number };
type ReportView = {
  reportRef: string;
  latestVersion: number;
  versions: { version: number; changeType: string; narrative: string; recordedOffence: { family: string } }[];
};

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
/** Its own port (not the shared e2e ports), so this suite can run beside the other end-to-end suites. */
/** Moves with EASI_E2E_PORT_BASE like the other suites, so concurrent runs on one machine do not collide. */
const SCREENING_PORT = Number(process.env.EASI_E2E_PORT_BASE ?? 4100) + 11;
const root = join(__dirname, '..', '..');
const running: RunningApp[] = [];
const tap = new KafkaTap(brokers, [deadLetterTopic(TOPICS.crimeReports)]);
let temporal: Client;
let producer: Producer;
let police: string;

const screening = (path: string): string => `http://127.0.0.1:${SCREENING_PORT}${path}`;

const startApps = async (): Promise<void> => {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', SCREENING_PORT: String(SCREENING_PORT) };
  const logDir = join(root, '.easi', 'logs', 'e2e-screening');
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
  await waitForHealth(`${screening('/health')}`, 90_000, () => api.child.exitCode === null && api.child.signalCode === null);
};

/** 07:00 on the London wall clock of a winter or summer day. */
const londonSeven = (day: string): string => {
  const month = Number(day.slice(5, 7));
  const summer = month >= 4 && month <= 9;
  return `${day}T${summer ? '06' : '07'}:00:00.000Z`;
};
const safeMonday = (): Promise<Date> => freeScreeningMonday(screening, police);

const send = async (reports: (CrimeReportV1Input | string)[]): Promise<void> => {
  await producer.send({
    topic: TOPICS.crimeReports,
    messages: reports.map((r) => (typeof r === 'string' ? { key: 'bad', value: r } : { key: r.reportRef, value: JSON.stringify(r) })),
  });
};

const stored = (reportRef: string, version = 1): Promise<ReportView> =>
  waitFor(`report ${reportRef} v${version} to be stored`, async () => {
    const res = await http<ReportView>('GET', screening(`/crime-reports/${reportRef}`), { token: police });
    return res.status === 200 && res.body.versions.some((v) => v.version === version) ? res.body : undefined;
  });

let lastProgress: () => Promise<ScreeningProgress> = () => Promise.reject(new Error('no run yet'));

const runWorkflow = async (input: DailyScreeningInput): Promise<DailyScreeningResult> => {
  const handle = await temporal.workflow.start(DAILY_SCREENING_WORKFLOW_TYPE, {
    workflowId: `screening-test-${randomUUID()}`,
    taskQueue: TASK_QUEUES.journeys,
    args: [input],
  });
  lastProgress = () => handle.query(screeningProgressQuery);
  return handle.result() as Promise<DailyScreeningResult>;
};

const listOf = async (day: string): Promise<DayList> =>
  (await http<DayList>('GET', screening(`/screening/lists/${day}?limit=20000`), { token: police })).body;
const runOf = async (day: string): Promise<Run> => (await http<Run>('GET', screening(`/screening/runs/${day}`), { token: police })).body;
const refsOf = (list: DayList, tag: string): string[] =>
  list.items
    .filter((h) => h.sourceRef.includes(tag))
    .map((h) => `${h.sourceRef}@${h.sourceVersion}`)
    .sort();

beforeAll(async () => {
  police = await tokenFor('police', 'supervisor');
  temporal = await platformTemporalClient();
  producer = new Kafka({ clientId: 'e2e-screening', brokers, logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  await Promise.all([tap.start(), startApps()]);
});

afterAll(async () => {
  await Promise.all(running.map((app) => stopApp(app)));
  await tap.stop();
  await producer.disconnect();
  await temporal.connection.close();
});

describe('crime report ingestion', () => {
  it('should answer 403 when the token belongs to another agency', async () => {
    const res = await http('POST', screening('/crime-reports'), {
      token: await tokenFor('victim-service', 'isac'),
      body: sampleCrimeReport(),
    });
    expect(res.status).toBe(403);
  });

  it('should answer 400 naming each bad field by index when a bulk request holds an invalid report', async () => {
    const good = sampleCrimeReport();
    const res = await http<{ issues: string[] }>('POST', screening('/crime-reports/bulk'), {
      token: police,
      body: [good, { ...sampleCrimeReport(), reportRef: 'Jane Smith', recordedAt: 'yesterday' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.issues.some((i) => i.startsWith('1.reportRef:'))).toBe(true);
    expect(res.body.issues.some((i) => i.startsWith('1.recordedAt:'))).toBe(true);
    expect((await http('GET', screening(`/crime-reports/${good.reportRef}`), { token: police })).status).toBe(404);
  });

  it('should store a bulk of 1,000 reports once when the same bulk is sent twice', async () => {
    const tag = uniqueRef('BULK');
    const reports = Array.from({ length: 1000 }, (_, i) => sampleCrimeReport({ reportRef: `${tag}-${i}`, narrative: 'x'.repeat(600) }));
    const first = await http<{ stored: number; duplicates: number }>('POST', screening('/crime-reports/bulk'), {
      token: police,
      body: reports,
    });
    const again = await http<{ stored: number; duplicates: number }>('POST', screening('/crime-reports/bulk'), {
      token: police,
      body: reports,
    });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ stored: 1000, duplicates: 0 });
    expect(again.body).toMatchObject({ stored: 0, duplicates: 1000 });
  });

  it('should dead-letter a bad report with its reason and carry on when one arrives on the topic', async () => {
    const bad = { ...sampleCrimeReport(), recordedOffence: { family: 'burglary-of-the-heart' } };
    const good = sampleCrimeReport();
    // Cut off after a reference of this run's own: the dead-letter topic keeps every earlier run's not-JSON message too.
    const notJson = `{"schemaVersion": 1, "reportRef": "${uniqueRef('CR')}", `;
    await send([notJson, JSON.stringify(bad), good]);
    const invalid = await tap.waitFor((m) => m.value === JSON.stringify(bad));
    expect(invalid.headers[KAFKA_HEADERS.deadLetterReason]).toContain('recordedOffence.family');
    expect(invalid.headers[KAFKA_HEADERS.deadLetterSourceTopic]).toBe(TOPICS.crimeReports);
    const deadNotJson = await tap.waitFor((m) => m.value === notJson);
    expect(deadNotJson.headers[KAFKA_HEADERS.deadLetterReason]).toMatch(/JSON/);
    await stored(good.reportRef);
  });

  it('should keep an amended report as a new version and ignore a redelivered version when versions arrive on the topic', async () => {
    const v1 = sampleCrimeReport({ recordedOffence: { family: 'harassment' } });
    const v2 = {
      ...v1,
      version: 2,
      changeType: 'reclassified' as const,
      recordedOffence: { family: 'stalking' as const, homeOfficeCode: '8Q' },
      narrative: `${v1.narrative} Reclassified.`,
    };
    await send([v1, v1]);
    await stored(v1.reportRef);
    await send([v2, v1]);
    const view = await stored(v1.reportRef, 2);
    expect(view.latestVersion).toBe(2);
    expect(view.versions.map((v) => [v.version, v.recordedOffence.family])).toEqual([
      [2, 'stalking'],
      [1, 'harassment'],
    ]);
    expect(view.versions[1]!.narrative).toBe(v1.narrative);
  });
});

describe('offence families', () => {
  type Family = {
    family: string;
    homeOfficeCodes: string[];
    codeConfidence: string;
    screened: boolean;
    legislation: { act: string; sections: string[] }[];
  };

  it('should hold the families as reference data with Home Office codes and which are screened daily when the migration has run', async () => {
    const res = await http<Family[]>('GET', screening('/offence-families'), { token: police });
    const byFamily = new Map(res.body.map((f) => [f.family, f]));
    expect(byFamily.get('stalking')).toMatchObject({ homeOfficeCodes: ['8Q'], codeConfidence: 'known', screened: true });
    expect(byFamily.get('stalking')?.legislation[0]?.sections).toEqual(['s2A', 's4A']);
    expect(byFamily.get('breach-spo')?.screened).toBe(true);
    expect(byFamily.get('malicious-communications')?.screened).toBe(false);
  });

  it('should refuse a change from an investigator and a malformed Home Office code from a supervisor', async () => {
    const investigator = await http('PUT', screening('/offence-families/breach-spo'), {
      token: await tokenFor('police', 'investigator'),
      body: { homeOfficeCodes: ['8X'] },
    });
    expect(investigator.status).toBe(403);
    const bad = await http<{ issues: string[] }>('PUT', screening('/offence-families/breach-spo'), {
      token: police,
      body: { homeOfficeCodes: ['=1+1'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0]).toMatch(/^homeOfficeCodes\.0:/);
  });
});

describe('daily screening', () => {
  it('should keep the screening-daily Schedule on working days at 07:00 Europe/London when the service has booted', async () => {
    const description = await temporal.schedule.getHandle(DAILY_SCREENING_SCHEDULE_ID).describe();
    expect(description.spec.timezone).toBe('Europe/London');
    expect(description.spec.calendars?.[0]?.hour).toEqual([{ start: 7, end: 7, step: 1 }]);
    expect(description.spec.calendars?.[0]?.dayOfWeek.map((d) => d.start)).toEqual([
      'MONDAY',
      'TUESDAY',
      'WEDNESDAY',
      'THURSDAY',
      'FRIDAY',
    ]);
    expect(description.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: DAILY_SCREENING_WORKFLOW_TYPE,
      taskQueue: TASK_QUEUES.journeys,
    });
  });

  it('should produce the list with tasks, catch up two missed days once each, add nothing when a day is re-run and put a late report on the next run', async () => {
    const tag = uniqueRef('DAY');
    const monday = await safeMonday();
    const [d0, d1, d2, d3] = [0, 1, 2, 3].map((n) => dayString(monday, n)) as [string, string, string, string];
    const person = (p: string): { personRef: string } => ({ personRef: `${p}-${tag}` });
    const report = (ref: string, recordedAt: string, overrides: Partial<CrimeReportV1Input> = {}): CrimeReportV1Input =>
      sampleCrimeReport({
        reportRef: `${ref}-${tag}`,
        suspects: [person('S')],
        victimRefs: [`V-${tag}`],
        occurredAt: recordedAt,
        recordedAt,
        ...overrides,
      });
    const reports = [
      report('A', `${d0}T05:00:00Z`, { recordedOffence: { family: 'stalking', homeOfficeCode: '8Q' } }),
      report('B', `${d0}T12:00:00Z`, { recordedOffence: { family: 'harassment' } }),
      report('C', `${d1}T12:00:00Z`, {
        recordedOffence: { family: 'malicious-communications' },
        narrative:
          'Since she ended their relationship he has sent over 40 messages a day, keeps turning up at her work and she found a tracker under her car.',
      }),
      report('N', `${d1}T13:00:00Z`, {
        recordedOffence: { family: 'theft' },
        suspects: [person('T')],
        victimRefs: [],
        relationshipToVictim: 'stranger',
        narrative: 'Two bottles of wine taken from a shop.',
      }),
      report('E', `${d2}T12:00:00Z`, { recordedOffence: { family: 'breach-non-molestation-order' } }),
    ];
    await send(reports);
    for (const r of reports) await stored(r.reportRef);
    const custody = sampleCustodyEvent({
      eventId: `CE-${tag}`,
      suspect: person('S'),
      occurredAt: `${d2}T13:00:00Z`,
      recordedAt: `${d2}T13:30:00Z`,
      crimeReportRefs: [`E-${tag}`],
    });
    expect((await http('POST', screening('/custody-events'), { token: police, body: custody })).status).toBe(202);

    const first = await runWorkflow({ day: d0 });
    expect(first.days.map((d) => d.day)).toEqual([d0]);
    expect(refsOf(await listOf(d0), tag)).toEqual([`A-${tag}@1`]);

    const scheduled = await runWorkflow({ scheduledFor: londonSeven(d3) });
    expect(scheduled.days.map((d) => d.day)).toEqual([d1, d2, d3]);
    expect(refsOf(await listOf(d1), tag)).toEqual([`B-${tag}@1`]);
    expect(refsOf(await listOf(d2), tag)).toEqual([`C-${tag}@1`]);
    expect(refsOf(await listOf(d3), tag)).toEqual([`CE-${tag}@1`, `E-${tag}@1`]);
    expect((await listOf(d3)).items.find((h) => h.sourceRef === `CE-${tag}`)?.flags[0]?.text).toMatch(
      /^Person in custody \(arrested\) for Stalking/,
    );
    expect(await lastProgress()).toMatchObject({ day: null, daysPlanned: [d1, d2, d3], daysDone: [d1, d2, d3] });
    for (const day of [d0, d1, d2, d3]) expect(await runOf(day)).toMatchObject({ status: 'completed', executions: 1 });

    const d2List = await listOf(d2);
    const c = d2List.items.find((h) => h.sourceRef === `C-${tag}`)!;
    expect(c.flags.map((f) => f.code)).toEqual(expect.arrayContaining(['possible-misclassification', 'linked-reports']));
    const explanations = c.flags.find((f) => f.code === 'possible-misclassification')!.explanations!;
    expect(explanations.find((e) => e.rule === 'act-monitoring')?.matched.join(' ')).toMatch(/tracker/i);
    expect(explanations.some((e) => e.rule === 'recording-rule-former-partner')).toBe(true);
    expect(c.suggestedActions).toEqual(
      expect.arrayContaining(['record-on-list', 'reclassification-submission', 'link-to-other-reports', 'possible-easi-candidate']),
    );
    expect(c.taskKind).toBe('reclassification-review');
    const tasks = await http<Hit[]>('GET', screening(`/review-tasks?day=${d2}&limit=1000`), { token: police });
    expect(tasks.body.filter((t) => t.sourceRef.includes(tag)).map((t) => t.taskId)).toEqual([c.taskId]);

    const again = await runWorkflow({ scheduledFor: londonSeven(d3) });
    expect(again.days).toEqual([]);

    const rerun = await runWorkflow({ day: d2 });
    expect(rerun.days.map((d) => d.day)).toEqual([d2]);
    const after = await listOf(d2);
    expect(after.items.map((h) => [h.id, h.taskId])).toEqual(d2List.items.map((h) => [h.id, h.taskId]));
    expect(await runOf(d2)).toMatchObject({ status: 'completed', executions: 2 });

    const late = report('L', `${d0}T06:00:00Z`, { recordedOffence: { family: 'harassment' } });
    await send([late]);
    await stored(late.reportRef);
    const d4 = dayString(monday, 4);
    const next = await runWorkflow({ scheduledFor: londonSeven(d4) });
    expect(next.days.map((d) => d.day)).toEqual([d4]);
    expect(refsOf(await listOf(d4), tag)).toEqual([`L-${tag}@1`]);
    expect(refsOf(await listOf(d0), tag)).toEqual([`A-${tag}@1`]);

    const csv = await fetch(screening(`/screening/lists/${d2}/export.csv`), { headers: { authorization: `Bearer ${police}` } });
    const text = await csv.text();
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(text).toContain(`"C-${tag}"`);
    expect(text).toContain('recording rule');

    const history = await http<{ reports: { reportRef: string }[]; hits: { sourceRef: string }[] }>(
      'GET',
      screening(`/people/S-${tag}/screening-history`),
      { token: police },
    );
    expect(history.body.reports.map((r) => r.reportRef).sort()).toEqual([`A-${tag}`, `B-${tag}`, `C-${tag}`, `E-${tag}`, `L-${tag}`]);
    expect(history.body.hits.map((h) => h.sourceRef).sort()).toEqual([
      `A-${tag}`,
      `B-${tag}`,
      `C-${tag}`,
      `CE-${tag}`,
      `E-${tag}`,
      `L-${tag}`,
    ]);
    const log = await http<{ actor: string; reason: string }[]>('GET', screening(`/people/S-${tag}/access-log`), { token: police });
    expect(log.body[0]).toMatchObject({ actor: expect.any(String), reason: 'screening review' });
  });

  it('should screen every report of a day exactly once when the lanes read it in chunks of three', async () => {
    const tag = uniqueRef('PART');
    const day = dayString(await safeMonday(), 2);
    // 23 reports (and any earlier unscreened ones) over 3 lanes in chunks of 3: lanes end on full and short chunks.
    const reports = Array.from({ length: 23 }, (_, i) =>
      sampleCrimeReport({
        reportRef: `P${i}-${tag}`,
        recordedOffence: { family: 'stalking', homeOfficeCode: '8Q' },
        suspects: [{ personRef: `S${i}-${tag}` }],
        victimRefs: [`V${i}-${tag}`],
        occurredAt: `${day}T05:00:00Z`,
        recordedAt: `${day}T05:00:00Z`,
      }),
    );
    await send(reports);
    for (const r of reports) await stored(r.reportRef);
    const expected = reports.map((r) => `${r.reportRef}@1`).sort();

    const small = await runWorkflow({ day, chunkSize: 3, lanes: 3 });
    expect(refsOf(await listOf(day), tag)).toEqual(expected);
    const run = await runOf(day);
    expect(small.days[0]).toMatchObject({ day, reports: run.reportsTotal });
    expect(run).toMatchObject({ status: 'completed', reportsScreened: run.reportsTotal });
    const ids = (await listOf(day)).items.filter((h) => h.sourceRef.includes(tag)).map((h) => h.id);

    await runWorkflow({ day });
    expect((await listOf(day)).items.filter((h) => h.sourceRef.includes(tag)).map((h) => h.id)).toEqual(ids);
  });

  it('should refuse with a 400 a day after today or before 2000, months out of range and an unknown time zone when the daily screening is asked for them', async () => {
    const post = await http<{ issues: string[] }>('POST', screening('/screening/runs'), { token: police, body: { day: '2999-12-31' } });
    expect(post.status).toBe(400);
    expect(post.body.issues).toEqual([expect.stringMatching(/^day: must not be after today \(\d{4}-\d{2}-\d{2}, Europe\/London\)$/)]);
    expect((await http('POST', screening('/screening/runs'), { token: police, body: { day: '0000-01-01' } })).status).toBe(400);
    const year0 = await http<{ issues: string[] }>('GET', screening('/screening/runs/0000-01-01'), { token: police });
    expect(year0.status).toBe(400);
    expect(year0.body.issues).toEqual(['(root): must be 2000-01-01 or later']);
    expect((await http('GET', screening('/screening/lists/2999-12-31'), { token: police })).status).toBe(400);
    expect((await http('GET', screening('/review-tasks?day=0000-01-01'), { token: police })).status).toBe(400);
    expect((await http('GET', screening('/screening/figures/misclassified?from=0000-01&to=2001-01'), { token: police })).status).toBe(400);
    expect((await http('GET', screening('/screening/figures/misclassified?from=2001-01&to=2999-12'), { token: police })).status).toBe(400);
    const zone = await http<{ issues: string[] }>('PUT', screening('/screening/schedule'), {
      token: police,
      body: { timeZone: 'Mars/Olympus_Mons' },
    });
    expect(zone.status).toBe(400);
    expect(zone.body.issues).toEqual(['timeZone: must be an IANA time zone such as Europe/London, or UTC']);
  });

  it('should catch up on the weekdays the Schedule is set to when a supervisor changes them', async () => {
    type Settings = { hour: number; minute: number; timeZone: string; weekdays: string[]; catchupWindow: string; paused: boolean };
    const before = (await http<Settings>('GET', screening('/screening/schedule'), { token: police })).body;
    const restore = {
      hour: before.hour,
      minute: before.minute,
      timeZone: before.timeZone,
      weekdays: before.weekdays,
      catchupWindow: before.catchupWindow,
      paused: before.paused,
    };
    const monday = await safeMonday();
    const [friday, saturday, tuesday] = [-3, -2, 1].map((n) => dayString(monday, n)) as [string, string, string];
    try {
      expect((await runWorkflow({ day: friday })).days.map((d) => d.day)).toEqual([friday]);
      const changed = await http('PUT', screening('/screening/schedule'), {
        token: police,
        body: { ...restore, weekdays: ['TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] },
      });
      expect(changed.status).toBe(200);
      const run = await runWorkflow({ scheduledFor: londonSeven(tuesday) });
      expect(run.days.map((d) => d.day)).toEqual([saturday, tuesday]);
    } finally {
      expect((await http('PUT', screening('/screening/schedule'), { token: police, body: restore })).status).toBe(200);
    }
  });

  it("should list an amended version flagged again without a second review task and show the recording officer's links as theirs", async () => {
    const tag = uniqueRef('AMD');
    const monday = await safeMonday();
    const [day, next] = [1, 2].map((n) => dayString(monday, n)) as [string, string];
    // Strong enough on its own words: this report has no other report with the same suspect and victim.
    const narrative =
      'Since she ended the relationship he has sent over 50 messages a day, keeps turning up at her work and follows her home. She found a tracker under her car and has told him to stop.';
    const v1 = sampleCrimeReport({
      reportRef: `M-${tag}`,
      recordedOffence: { family: 'public-order' },
      narrative,
      suspects: [{ personRef: `S-${tag}` }],
      victimRefs: [`V-${tag}`],
      linkedReportRefs: [`OTHER-${tag}`],
      recordedAt: `${day}T05:00:00Z`,
      occurredAt: `${day}T04:00:00Z`,
    });
    const v2 = {
      ...v1,
      version: 2,
      changeType: 'amended' as const,
      narrative: `${narrative} She has now changed her phone number.`,
      recordedAt: `${next}T05:00:00Z`,
    };
    expect((await http('POST', screening('/crime-reports'), { token: police, body: v1 })).status).toBe(202);
    await stored(v1.reportRef);
    await runWorkflow({ day });
    const first = (await listOf(day)).items.find((h) => h.sourceRef === `M-${tag}`)!;
    expect(first.taskKind).toBe('reclassification-review');
    expect(first.flags.map((f) => f.code)).toContain('source-linked-reports');
    expect(first.flags.map((f) => f.code)).not.toContain('linked-reports');
    expect(first.flags.find((f) => f.code === 'source-linked-reports')?.text).toMatch(
      /^Linked by the recording officer in the crime system to 1 other report: OTHER-/,
    );

    expect((await http('POST', screening('/crime-reports'), { token: police, body: v2 })).status).toBe(202);
    await stored(v1.reportRef, 2);
    await runWorkflow({ day: next });
    await runWorkflow({ day: next });
    const second = (await listOf(next)).items.filter((h) => h.sourceRef === `M-${tag}`);
    expect(second.map((h) => [h.sourceVersion, h.taskId])).toEqual([[2, null]]);
    expect(second[0]!.flags.find((f) => f.code === 'earlier-review')?.text).toContain(`task ${first.taskId}`);
    const open = await http<{ taskStatus: string; otherVersions: { sourceVersion: number; taskId: string | null }[] }>(
      'GET',
      screening(`/review-tasks/${first.taskId}`),
      { token: police },
    );
    expect(open.body.taskStatus).toBe('open');
    expect(open.body.otherVersions.map((h) => [h.sourceVersion, h.taskId])).toEqual([[2, null]]);
  });

  it("should keep the reviewer's confirmation and rejection and count them when misclassification flags are reviewed", async () => {
    const tag = uniqueRef('REV');
    const day = dayString(await safeMonday(), 1);
    const narrative =
      'Since the break-up her ex keeps following her to work, waits outside her house every night and has sent hundreds of messages.';
    const reports = ['X', 'Y'].map((r) =>
      sampleCrimeReport({
        reportRef: `${r}-${tag}`,
        recordedOffence: { family: 'public-order' },
        narrative,
        recordedAt: `${day}T05:00:00Z`,
        occurredAt: `${day}T04:00:00Z`,
      }),
    );
    await http('POST', screening('/crime-reports/bulk'), { token: police, body: reports });
    await runWorkflow({ day });
    const hits = (await listOf(day)).items.filter((h) => h.sourceRef.includes(tag));
    expect(hits.map((h) => h.taskKind)).toEqual(['reclassification-review', 'reclassification-review']);
    const [x, y] = hits as [Hit, Hit];
    const noRef = await http('POST', screening(`/review-tasks/${x.taskId}/decisions`), {
      token: police,
      body: { decision: 'confirm-misclassification' },
    });
    expect(noRef.status).toBe(400);
    const noReason = await http('POST', screening(`/review-tasks/${y.taskId}/decisions`), {
      token: police,
      body: { decision: 'reject-misclassification' },
    });
    expect(noReason.status).toBe(400);
    const confirm = await http<{ journeys: { workflowId: string }[] }>('POST', screening(`/review-tasks/${x.taskId}/decisions`), {
      token: police,
      body: {
        decision: 'confirm-misclassification',
        reclassificationRef: `RC-${tag}`,
        actionsTaken: ['victim-contact-and-isac-referral', 'possible-easi-candidate'],
      },
    });
    expect(confirm.status).toBe(201);
    expect(confirm.body.journeys).toHaveLength(1);
    const journey = await temporal.workflow.getHandle(confirm.body.journeys[0]!.workflowId).describe();
    expect(journey.type).toBe('perpetratorJourney');
    const reject = await http('POST', screening(`/review-tasks/${y.taskId}/decisions`), {
      token: police,
      body: { decision: 'reject-misclassification', reason: 'Duplicate of the confirmed report.' },
    });
    expect(reject.status).toBe(201);
    const task = await http<{
      taskStatus: string;
      decisions: { decision: string; reclassificationRef: string | null; decidedBy: string }[];
    }>('GET', screening(`/review-tasks/${x.taskId}`), { token: police });
    expect(task.body.taskStatus).toBe('completed');
    expect(task.body.decisions).toEqual([
      expect.objectContaining({ decision: 'confirm-misclassification', reclassificationRef: `RC-${tag}` }),
    ]);
    const month = new Date().toISOString().slice(0, 7);
    const figures = await http<{ month: string; confirmed: number; rejected: number }[]>(
      'GET',
      screening(`/screening/figures/misclassified?from=${month}&to=${month}`),
      { token: police },
    );
    expect(figures.body[0]!.confirmed).toBeGreaterThanOrEqual(1);
    expect(figures.body[0]!.rejected).toBeGreaterThanOrEqual(1);
  });
});

describe('risk assessments', () => {
  type AssessmentView = {
    assessmentId: string;
    version: number;
    answers: Record<string, string>;
    outcome: { kind: string; yesCount?: number; grade?: string; opensStalkingScreen?: boolean };
    correction?: { reason: string; previousVersion: number };
  };

  it('should grade a DASH, keep it unchanged when corrected and give the risk level from the newest version', async () => {
    const subjectRef = uniqueRef('P');
    const answers = Object.fromEntries(Array.from({ length: 27 }, (_, i) => [`q${i + 1}`, i < 14 ? 'yes' : 'no']));
    const professionalJudgement = { grade: 'standard', reason: 'Victim account and police history read.' };
    const submitted = await http<AssessmentView>('POST', screening('/assessments'), {
      token: police,
      body: { instrument: 'dash', subjectRef, answers, entries: { professionalJudgement } },
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body.outcome).toMatchObject({ kind: 'dash', yesCount: 14, grade: 'high', opensStalkingScreen: true });

    const noReason = await http('POST', screening(`/assessments/${submitted.body.assessmentId}/corrections`), {
      token: police,
      body: { answers: { q1: 'no' } },
    });
    expect(noReason.status).toBe(400);
    const cleared = await http<{ code: string; issues: string[] }>(
      'POST',
      screening(`/assessments/${submitted.body.assessmentId}/corrections`),
      {
        token: police,
        body: { answers: { q5: null }, reason: 'Question 5 was not asked.' },
      },
    );
    expect(cleared.status).toBe(422);
    expect(cleared.body).toMatchObject({ code: 'unanswered-items', issues: ['q5: not answered: yes, no or not-known'] });
    const corrected = await http<AssessmentView>('POST', screening(`/assessments/${submitted.body.assessmentId}/corrections`), {
      token: police,
      body: { answers: { q1: 'no', q2: 'no' }, reason: 'Victim clarified questions 1 and 2 on a later call.' },
    });
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({ version: 2, outcome: { yesCount: 12, grade: 'standard' }, correction: { previousVersion: 1 } });

    const versions = await http<AssessmentView[]>('GET', screening(`/assessments/${submitted.body.assessmentId}`), { token: police });
    expect(versions.body.map((v) => [v.version, v.answers.q1])).toEqual([
      [2, 'no'],
      [1, 'yes'],
    ]);
    const person = await http<{
      riskLevel: { level: string };
      current: AssessmentView[];
      history: AssessmentView[];
      needsCorrection: unknown[];
    }>('GET', screening(`/people/${subjectRef}/assessments`), {
      token: police,
    });
    expect(person.body.riskLevel.level).toBe('standard');
    expect(person.body.needsCorrection).toEqual([]);
    expect(person.body.current.map((a) => a.version)).toEqual([2]);
    expect(person.body.history).toHaveLength(2);
  });

  it('should refuse a blank or partly answered DASH and one without the professional judgement, listing what is missing', async () => {
    const subjectRef = uniqueRef('P');
    const blank = await http<{ code: string; message: string; issues: string[] }>('POST', screening('/assessments'), {
      token: police,
      body: {
        instrument: 'dash',
        subjectRef,
        answers: {},
        entries: { professionalJudgement: { grade: 'standard', reason: 'nothing of concern' } },
      },
    });
    expect(blank.status).toBe(422);
    expect(blank.body.code).toBe('unanswered-items');
    expect(blank.body.issues).toHaveLength(27);
    expect(blank.body.message).toContain('unanswered: q1, q2, q3');
    const all = Object.fromEntries(Array.from({ length: 27 }, (_, i) => [`q${i + 1}`, 'not-known']));
    const { q27: _skipped, ...partial } = all;
    const partly = await http<{ code: string; issues: string[] }>('POST', screening('/assessments'), {
      token: police,
      body: {
        instrument: 'dash',
        subjectRef,
        answers: partial,
        entries: { professionalJudgement: { grade: 'standard', reason: 'nothing of concern' } },
      },
    });
    expect(partly.body).toMatchObject({ code: 'unanswered-items', issues: ['q27: not answered: yes, no or not-known'] });
    const unjudged = await http<{ code: string; issues: string[] }>('POST', screening('/assessments'), {
      token: police,
      body: { instrument: 'dash', subjectRef, answers: all },
    });
    expect(unjudged.status).toBe(422);
    expect(unjudged.body.code).toBe('missing-entry');
    expect(unjudged.body.issues[0]).toMatch(/^professionalJudgement: .*grade and reason/);
    const person = await http<{ riskLevel: { level: string }; history: AssessmentView[] }>(
      'GET',
      screening(`/people/${subjectRef}/assessments`),
      { token: police },
    );
    expect(person.body).toMatchObject({ riskLevel: { level: 'unknown' }, history: [] });
  });

  it("should refuse a SASH without the rater's concern level and refuse assessments from another agency", async () => {
    const subjectRef = uniqueRef('P');
    const answers = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`q${i + 1}`, 'no']));
    const sash = await http<{ code: string }>('POST', screening('/assessments'), {
      token: police,
      body: { instrument: 'sash', subjectRef, answers },
    });
    expect(sash.status).toBe(422);
    expect(sash.body.code).toBe('missing-entry');
    const blank = await http<{ code: string }>('POST', screening('/assessments'), {
      token: police,
      body: { instrument: 'sash', subjectRef, answers: {}, entries: { concernLevel: 'low' } },
    });
    expect(blank.status).toBe(422);
    expect(blank.body.code).toBe('unanswered-items');
    const psych = await http('GET', screening(`/people/${subjectRef}/assessments`), {
      token: await tokenFor('psychology', 'psychologist'),
    });
    expect(psych.status).toBe(403);
  });
});
