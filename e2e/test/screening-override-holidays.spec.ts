import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { DAILY_SCREENING_SCHEDULE_ID, DAILY_SCREENING_WORKFLOW_TYPE, TASK_QUEUES, type DailyScreeningResult } from '@easi/contracts';
import type { TaskView } from '@easi/tasks';
import { sampleCrimeReport, sampleCustodyEvent, uniqueRef } from '@easi/testing';
import { JourneyPlatform, dayString, freeScreeningMonday, http } from '../src';

// Its own ports (EASI_E2E_PORT_BASE, default 4600), so it runs beside the other suites.
const p = new JourneyPlatform(Number(process.env.EASI_E2E_PORT_BASE ?? 4600));
const d = p.driver;
const screening = (path: string): string => p.url('screening', path);

type Refusal = { statusCode: number; error: string; message: string; issues?: string[] };
type OverrideNote = {
  overrideId: string;
  target: string;
  from: string;
  to: string;
  reason: string;
  by: string;
  at: string;
  rulesOutcome: string;
};
type OverrideRow = {
  id: string;
  taskId: string;
  journeyRef: string;
  target: string;
  fromResult: string;
  toResult: string;
  reason: string;
  overriddenBy: string;
  rulesOutcome: string;
  finalOutcome: string;
  riskLevel: string;
};
type AccessRow = { actor: string; action: string; reason: string; subjectType: string };
type Holiday = { day: string; name: string; updatedBy: string };

let supervisor: string;
let investigator: string;

beforeAll(async () => {
  await p.start();
  supervisor = await d.token('police', 'supervisor');
  investigator = await d.token('police', 'investigator');
});

afterAll(async () => {
  await p.stop();
});

describe('supervisor override of eligibility', () => {
  it('should refuse non-supervisors, a missing reason and a high-risk diversion, then record the override and let the journey take the overridden outcome', async () => {
    const journeyRef = await p.arrest();
    const task = await d.inbox('eligibility-screening').waitForTask(journeyRef, 'eligibility-screening');
    const url = screening(`/eligibility/tasks/${task.taskId}/override`);
    const facts = d.facts(journeyRef, {
      cognitiveAbility: 'concerns',
      cognitiveEvidence: 'custody nurse noted difficulty following the caution',
    });
    const override = {
      target: 'cognitive-ability',
      result: 'met',
      reason: 'Forensic psychologist assessed him on 20 Nov: able to engage with six sessions.',
    };

    // No DASH on record yet: the override has no risk level to stand on.
    const noDash = await http<Refusal>('POST', url, { token: supervisor, body: { facts, override } });
    expect(noDash.status).toBe(422);
    expect(noDash.body).toMatchObject({ error: 'risk-assessment-required', message: expect.stringMatching(/submit a complete DASH/) });
    const { assessmentId } = await d.assessRisk(journeyRef, 'medium');
    const typedLower = await http<Refusal>('POST', url, {
      token: supervisor,
      body: { facts: { ...facts, riskLevel: 'standard' }, override },
    });
    expect(typedLower.status).toBe(422);
    expect(typedLower.body).toMatchObject({
      error: 'risk-level-below-instruments',
      message: expect.stringContaining(`DASH ${assessmentId} (version 1) graded medium`),
    });

    const asInvestigator = await http<Refusal>('POST', url, { token: investigator, body: { facts, override } });
    expect(asInvestigator.status).toBe(403);

    const noReason = await http<Refusal>('POST', url, {
      token: supervisor,
      body: { facts, override: { target: 'cognitive-ability', result: 'met' } },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.issues).toEqual(['override.reason: reason: a supervisor override needs a recorded reason']);

    const highRisk = await http<Refusal>('POST', url, {
      token: supervisor,
      body: {
        facts: { ...facts, riskLevel: 'high' },
        override: { target: 'overall', result: 'eligible', reason: 'He was calm and remorseful in interview.' },
      },
    });
    expect(highRisk.status).toBe(422);
    expect(highRisk.body).toMatchObject({
      error: 'high-risk-cannot-be-diverted',
      message: 'High or very high risk is never diverted: full risk response.',
    });

    const riskCriterion = await http<Refusal>('POST', url, {
      token: supervisor,
      body: {
        facts: { ...facts, riskLevel: 'high' },
        override: { target: 'risk-level', result: 'met', reason: 'He was calm and remorseful in interview.' },
      },
    });
    expect(riskCriterion.status).toBe(422);
    expect(riskCriterion.body.error).toBe('risk-level-not-overridable');

    // The inbox's own completion cannot smuggle an override in: its schema is strict.
    const smuggled = await d.inbox('eligibility-screening').complete(task.taskId, { ...facts, override }, 'trying');
    expect(smuggled.status).toBe(422);
    expect((await d.inbox('eligibility-screening').get(task.taskId)).body).toMatchObject({ status: 'open', decision: null });

    const accepted = await http<{ override: OverrideNote; task: TaskView }>('POST', url, { token: supervisor, body: { facts, override } });
    expect(accepted.status).toBe(201);
    expect(accepted.body.override).toMatchObject({
      target: 'cognitive-ability',
      from: 'needs-discussion',
      to: 'met',
      reason: override.reason,
      by: expect.stringMatching(/^police:/),
      rulesOutcome: 'needs-case-discussion',
    });
    expect(accepted.body.task).toMatchObject({
      status: 'completed',
      decision: { outcome: 'eligible', riskLevel: 'medium', override: { overrideId: accepted.body.override.overrideId } },
    });
    expect((accepted.body.task.decision as { reason: string }).reason).toMatch(
      /^Supervisor override of cognitive-ability \(needs-discussion → met\): Forensic psychologist/,
    );
    expect((accepted.body.task.decision as { reason: string }).reason).toContain(
      `Risk medium from DASH ${assessmentId} version 1: medium.`,
    );

    const state = await p.until(journeyRef, 'the journey to reach triage', (s) => s.stage === 'awaiting-triage');
    expect(state.timeline.map((e) => e.what).join('\n')).toMatch(
      /Screened: risk medium; eligibility eligible — Supervisor override of cognitive-ability/,
    );

    const again = await http<Refusal>('POST', url, { token: supervisor, body: { facts, override } });
    expect(again.status).toBe(409);

    const rows = await http<OverrideRow[]>('GET', screening(`/eligibility/journeys/${journeyRef}/overrides`), {
      token: investigator,
      headers: { 'x-access-reason': 'preparing the triage clinic' },
    });
    expect(rows.status).toBe(200);
    expect(rows.body).toHaveLength(1);
    expect(rows.body[0]).toMatchObject({
      id: accepted.body.override.overrideId,
      taskId: task.taskId,
      journeyRef,
      target: 'cognitive-ability',
      fromResult: 'needs-discussion',
      toResult: 'met',
      reason: override.reason,
      overriddenBy: accepted.body.override.by,
      rulesOutcome: 'needs-case-discussion',
      finalOutcome: 'eligible',
      riskLevel: 'medium',
    });

    const pg = new PgClient({ connectionString: process.env.DATABASE_URL ?? 'postgres://easi:easi@127.0.0.1:5432/easi' });
    await pg.connect();
    try {
      await expect(
        pg.query(`UPDATE screening.eligibility_override SET reason = 'changed' WHERE id = $1`, [accepted.body.override.overrideId]),
      ).rejects.toThrow(/append-only/);
      const audit = await pg.query<{ action: string; reason: string }>(
        `SELECT action, reason FROM screening.audit_log WHERE subject_type = 'journey' AND subject_ref = $1 ORDER BY id`,
        [journeyRef],
      );
      expect(audit.rows).toEqual([
        { action: 'override-eligibility', reason: `eligibility override: ${override.reason}` },
        { action: 'read-eligibility-overrides', reason: 'preparing the triage clinic' },
      ]);
    } finally {
      await pg.end();
    }
  });
});

describe('custody event reads', () => {
  it("should write each read of a custody event to the person's access log with who and why", async () => {
    const event = sampleCustodyEvent({ offences: [{ family: 'theft' }] });
    expect((await http('POST', screening('/custody-events'), { token: investigator, body: event })).status).toBe(202);
    const one = await http<{ personRef: string }>('GET', screening(`/custody-events/${event.eventId}`), {
      token: investigator,
      headers: { 'x-access-reason': 'checking custody before interview' },
    });
    expect(one.status).toBe(200);
    const list = await http<unknown[]>('GET', screening(`/custody-events?personRef=${event.suspect.personRef}`), { token: investigator });
    expect(list.body).toHaveLength(1);
    const log = await http<AccessRow[]>('GET', screening(`/people/${event.suspect.personRef}/access-log`), { token: supervisor });
    expect(log.body.map((r) => [r.action, r.reason, r.subjectType])).toEqual([
      ['read-person-custody-events', 'custody record review', 'person'],
      ['read-custody-event', 'checking custody before interview', 'person'],
    ]);
    expect(log.body.every((r) => r.actor.length > 0)).toBe(true);
  });
});

describe('reads of data about a person', () => {
  it('should put each read of a crime report or its links on the access log of every suspect and victim in it, and log the reading of the log', async () => {
    const tag = uniqueRef('READ');
    const report = sampleCrimeReport({ reportRef: `CR-${tag}`, suspects: [{ personRef: `S-${tag}` }], victimRefs: [`V-${tag}`] });
    expect((await http('POST', screening('/crime-reports'), { token: investigator, body: report })).status).toBeLessThan(300);
    const read = await http('GET', screening(`/crime-reports/CR-${tag}`), {
      token: investigator,
      headers: { 'x-access-reason': 'reviewing the report before the clinic' },
    });
    expect(read.status).toBe(200);
    expect((await http('GET', screening(`/crime-reports/CR-${tag}/links`), { token: investigator })).status).toBe(200);

    for (const person of [`S-${tag}`, `V-${tag}`]) {
      const log = await http<(AccessRow & { subjectRef: string })[]>('GET', screening(`/people/${person}/access-log`), {
        token: supervisor,
      });
      expect(log.body.map((r) => [r.action, r.subjectType, r.subjectRef, r.reason])).toEqual([
        ['read-crime-report', 'crime-report', `CR-${tag}`, 'reviewing the report before the clinic'],
      ]);
    }
    // The links read returned no other report, so nobody's data but the report's own was shown through it... and reading the log is on the log.
    const again = await http<AccessRow[]>('GET', screening(`/people/V-${tag}/access-log`), { token: supervisor });
    expect(again.body.map((r) => r.action)).toEqual(['read-person-access-log', 'read-crime-report']);
  });
});

describe('offence family configuration', () => {
  type Change = { changedBy: string; reason: string; before: Record<string, unknown>; after: Record<string, unknown> };

  it('should refuse a change without a reason, then keep each change with who, why, before and after', async () => {
    const url = screening('/offence-families/breach-community-resolution');
    const refused = await http<Refusal>('PUT', url, { token: supervisor, body: { note: 'no reason given' } });
    expect(refused.status).toBe(400);
    expect(refused.body.issues?.join('; ')).toMatch(/reason/);

    const note = `e2e note ${uniqueRef('FAM')}`;
    const families = await http<{ family: string; note: string | null }[]>('GET', screening('/offence-families'), { token: supervisor });
    const previous = families.body.find((f) => f.family === 'breach-community-resolution')!.note;
    expect((await http('PUT', url, { token: supervisor, body: { note, reason: 'clarify for the new reviewers' } })).status).toBe(200);
    const changes = await http<Change[]>('GET', screening('/offence-families/breach-community-resolution/changes'), {
      token: investigator,
    });
    expect(changes.body[0]).toMatchObject({ reason: 'clarify for the new reviewers', before: { note: previous }, after: { note } });
    expect(changes.body[0]!.changedBy.length).toBeGreaterThan(0);
    // Put the shared reference data back as it was.
    expect((await http('PUT', url, { token: supervisor, body: { note: previous ?? '', reason: 'e2e: restore' } })).status).toBe(200);
  });

  it('should start a journey from custody for a family only once a supervisor has said it starts journeys', async () => {
    type Ingested = { journeyRef: string | null; workflowId: string | null };
    const url = screening('/offence-families/malicious-communications');
    const custody = () => sampleCustodyEvent({ offences: [{ family: 'malicious-communications' }] });
    const before = await http<Ingested>('POST', screening('/custody-events'), { token: investigator, body: custody() });
    expect(before.status).toBe(202);
    expect(before.body).toMatchObject({ journeyRef: null, workflowId: null });
    expect(
      (
        await http('PUT', url, {
          token: supervisor,
          body: { startsJourney: true, reason: 'pilot: custody for malicious communications against a former partner' },
        })
      ).status,
    ).toBe(200);
    try {
      const after = await http<Ingested>('POST', screening('/custody-events'), { token: investigator, body: custody() });
      expect(after.status).toBe(202);
      expect(after.body.journeyRef).toEqual(expect.any(String));
      await p.temporal.workflow.getHandle(after.body.workflowId!).describe();
    } finally {
      expect((await http('PUT', url, { token: supervisor, body: { startsJourney: false, reason: 'e2e: restore' } })).status).toBe(200);
    }
  });
});

describe('bank holidays', () => {
  /** The test's own days leave no withdrawn row behind in a shared database (the API keeps a withdrawal as a row). */
  const forget = async (day: string): Promise<void> => {
    const pg = new PgClient({ connectionString: process.env.DATABASE_URL ?? 'postgres://easi:easi@127.0.0.1:5432/easi' });
    await pg.connect();
    try {
      await pg.query(`DELETE FROM screening.bank_holiday WHERE day = $1 AND name LIKE '%(e2e)'`, [day]);
    } finally {
      await pg.end();
    }
  };

  it('should hold the England and Wales bank holidays and let only supervisors change them, the Schedule following', async () => {
    const year = await http<Holiday[]>('GET', screening('/bank-holidays?from=2026-01-01&to=2026-12-31'), { token: investigator });
    expect(year.body.map((h) => h.day)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28',
    ]);
    expect((await http('PUT', screening('/bank-holidays/2030-06-03'), { token: investigator, body: { name: 'Coronation' } })).status).toBe(
      403,
    );
    expect((await http('GET', screening('/bank-holidays?withdrawn=yes'), { token: investigator })).status).toBe(400);
    const bad = await http<Refusal>('PUT', screening('/bank-holidays/2030-02-30'), { token: supervisor, body: { name: 'Coronation' } });
    expect(bad.status).toBe(400);

    const day = '2030-06-03';
    expect(
      (await http<Holiday>('PUT', screening(`/bank-holidays/${day}`), { token: supervisor, body: { name: 'Extra bank holiday (e2e)' } }))
        .body,
    ).toMatchObject({ day, name: 'Extra bank holiday (e2e)' });
    try {
      const skipped = await http<{ bankHolidaysSkipped: string[] }>('GET', screening('/screening/schedule'), { token: supervisor });
      expect(skipped.body.bankHolidaysSkipped).toEqual(expect.arrayContaining([day, '2026-12-28']));
      const spec = (await p.temporal.schedule.getHandle(DAILY_SCREENING_SCHEDULE_ID).describe()).spec;
      expect(
        spec.skip?.some(
          (c) => c.year[0]?.start === 2030 && c.month[0]?.start === 'JUNE' && c.dayOfMonth[0]?.start === 3 && c.hour[0]?.end === 23,
        ),
      ).toBe(true);
    } finally {
      expect((await http('DELETE', screening(`/bank-holidays/${day}`), { token: supervisor })).status).toBe(200);
      const withdrawn = await http<(Holiday & { observed: boolean })[]>(
        'GET',
        screening(`/bank-holidays?from=${day}&to=${day}&withdrawn=include`),
        { token: investigator },
      );
      const observedOnly = await http<Holiday[]>('GET', screening(`/bank-holidays?from=${day}&to=${day}`), { token: investigator });
      await forget(day);
      expect(withdrawn.body).toEqual([expect.objectContaining({ day, observed: false })]);
      expect(observedOnly.body).toEqual([]);
    }
    const after = await http<{ bankHolidaysSkipped: string[] }>('GET', screening('/screening/schedule'), { token: supervisor });
    expect(after.body.bankHolidaysSkipped).not.toContain(day);
  });

  it("should not catch up a bank holiday as a missed day and put its reports on the next working day's list", async () => {
    const monday = await freeScreeningMonday(screening, supervisor);
    const [d0, d1, d2, d3] = [0, 1, 2, 3].map((n) => dayString(monday, n)) as [string, string, string, string];
    const summer = (day: string): boolean => Number(day.slice(5, 7)) >= 4 && Number(day.slice(5, 7)) <= 9;
    const tag = uniqueRef('BH');
    const report = (ref: string, recordedAt: string) =>
      sampleCrimeReport({
        reportRef: `${ref}-${tag}`,
        recordedOffence: { family: 'stalking', homeOfficeCode: '8Q' },
        suspects: [{ personRef: `S-${tag}` }],
        victimRefs: [`V-${tag}`],
        occurredAt: recordedAt,
        recordedAt,
      });
    // A day's cutoff is 07:00: B (recorded after d0's cutoff) belongs to d1, H (after d1's) to d2, the bank holiday, so to d3.
    for (const r of [report('B', `${d0}T12:00:00Z`), report('H', `${d1}T12:00:00Z`)]) {
      expect((await http('POST', screening('/crime-reports'), { token: supervisor, body: r })).status).toBeLessThan(300);
    }
    const run = async (input: { day?: string; scheduledFor?: string }): Promise<DailyScreeningResult> =>
      (await p.temporal.workflow
        .start(DAILY_SCREENING_WORKFLOW_TYPE, {
          workflowId: `screening-test-${randomUUID()}`,
          taskQueue: TASK_QUEUES.journeys,
          args: [input],
        })
        .then((h) => h.result())) as DailyScreeningResult;

    expect((await http('PUT', screening(`/bank-holidays/${d2}`), { token: supervisor, body: { name: 'Bank holiday (e2e)' } })).status).toBe(
      200,
    );
    try {
      expect((await run({ day: d0 })).days.map((s) => s.day)).toEqual([d0]);
      const scheduled = await run({ scheduledFor: `${d3}T${summer(d3) ? '06' : '07'}:00:00.000Z` });
      expect(scheduled.days.map((s) => s.day)).toEqual([d1, d3]);
      const listOf = async (day: string): Promise<string[]> =>
        (
          await http<{ items: { sourceRef: string }[] }>('GET', screening(`/screening/lists/${day}?limit=20000`), { token: supervisor })
        ).body.items
          .map((h) => h.sourceRef)
          .filter((r) => r.includes(tag));
      expect(await listOf(d1)).toEqual([`B-${tag}`]);
      expect(await listOf(d3)).toEqual([`H-${tag}`]);
      expect((await http('GET', screening(`/screening/runs/${d2}`), { token: supervisor })).status).toBe(404);
    } finally {
      await http('DELETE', screening(`/bank-holidays/${d2}`), { token: supervisor });
      await forget(d2);
    }
  });
});
