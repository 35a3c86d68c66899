import { Client as PgClient } from 'pg';
import { KAFKA_HEADERS, TOPICS, interventionWorkflowId } from '@easi/contracts';
import { KafkaTap, waitFor, type TappedMessage } from '@easi/testing';
import { JourneyPlatform } from '../src';

const p = new JourneyPlatform(4400);
const d = p.driver;
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const tap = new KafkaTap(brokers, [TOPICS.psychologyNotifications, TOPICS.policeNotifications]);
const dbUrl = process.env.DATABASE_URL ?? 'postgres://easi:easi@127.0.0.1:5432/easi';
const db = new PgClient({ connectionString: dbUrl });

beforeAll(async () => {
  await db.connect();
  await Promise.all([tap.start(), p.start()]);
});

afterAll(async () => {
  await p.stop();
  await tap.stop();
  await db.end();
});

const count = async (sql: string, journeyRef: string): Promise<number> =>
  Number((await db.query<{ n: string }>(sql, [journeyRef])).rows[0].n);

/** Until a statement on `table` waits for a lock the backend `holderPid` holds (asked outside its transaction, which sees one snapshot of pg_stat_activity). */
const blockedOn = (holderPid: number, table: string): Promise<true> =>
  waitFor(`a statement on ${table} to wait for the test's lock`, async () => {
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid)) AND query ILIKE '%' || $2 || '%'`,
      [holderPid, table],
    );
    return Number(rows[0].n) > 0 ? true : undefined;
  });

/** The attempt each `recordSession` of the intervention ran to, in the order they were scheduled (one per session record). */
const recordSessionAttempts = async (journeyRef: string): Promise<number[]> => {
  const events = (await p.temporal.workflow.getHandle(interventionWorkflowId(journeyRef)).fetchHistory()).events ?? [];
  const scheduled = events
    .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordSession')
    .map((e) => String(e.eventId));
  const attempts = new Map(
    events
      .filter((e) => e.activityTaskStartedEventAttributes)
      .map((e) => [String(e.activityTaskStartedEventAttributes?.scheduledEventId), e.activityTaskStartedEventAttributes?.attempt ?? 0]),
  );
  return scheduled.map((id) => attempts.get(id) ?? 0);
};

describe('crash in the middle of the intervention', () => {
  it('should finish the journey with exactly one row and one notification per step when the journey worker and the intervention service are killed -9 while a session is being recorded', async () => {
    const journeyRef = await p.arrest();
    await d.toIntervention(journeyRef);
    await d.decide(journeyRef, 'psychometrics-pre', { instruments: ['AAQ-II', 'CFQ-7'] }, 'baseline');
    await d.sessions(journeyRef, ['attended', 'attended']);

    // The test holds the journey's episode row, so the third session's record stops inside its
    // transaction (its session row written, the attended count not yet): the kill lands while it runs.
    const holder = new PgClient({ connectionString: dbUrl });
    await holder.connect();
    try {
      const holderPid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM intervention.intervention_episode WHERE journey_ref = $1 FOR UPDATE', [journeyRef]);
      await d.sessions(journeyRef, ['attended'], 3);
      await blockedOn(holderPid, 'intervention_episode');
      await Promise.all([p.platform.kill('journey-worker'), p.platform.kill('intervention')]);
      await holder.query('ROLLBACK');
    } finally {
      await holder.end();
    }
    await p.platform.start('intervention', 'journey-worker');

    await d.sessions(journeyRef, ['missed', 'attended', 'attended', 'attended'], 4);
    await d.decide(journeyRef, 'psychometrics-post', { instruments: ['AAQ-II', 'CFQ-7'] }, 'post-treatment');
    const state = await p.closed(journeyRef, 120_000);
    expect(state).toMatchObject({ outcome: 'completed', sessionsAttended: 6 });
    // The third session's record the kill cut short ran again (after its start-to-close timeout) in the restarted service.
    expect((await recordSessionAttempts(journeyRef))[2]).toBeGreaterThanOrEqual(2);

    // Rows: one per step in the intervention schema.
    expect(await count(`SELECT count(*) AS n FROM intervention.fact_session WHERE journey_ref = $1`, journeyRef)).toBe(7);
    expect(
      await count(
        `SELECT count(DISTINCT (session_number, attempt)) AS n FROM intervention.fact_session WHERE journey_ref = $1`,
        journeyRef,
      ),
    ).toBe(7);
    expect(await count(`SELECT count(*) AS n FROM intervention.human_task WHERE journey_ref = $1`, journeyRef)).toBe(9);
    expect(
      await count(`SELECT count(*) AS n FROM intervention.human_task WHERE journey_ref = $1 AND status = 'completed'`, journeyRef),
    ).toBe(9);
    expect(
      await count(
        `SELECT count(*) AS n FROM intervention.intervention_episode WHERE journey_ref = $1 AND status = 'completed' AND sessions_attended = 6`,
        journeyRef,
      ),
    ).toBe(1);
    expect(
      await count(`SELECT count(*) AS n FROM intervention.outbox WHERE message_key = $1 AND event_type = 'task.created'`, journeyRef),
    ).toBe(9);
    expect(
      await count(
        `SELECT count(*) AS n FROM intervention.outbox WHERE message_key = $1 AND event_type = 'intervention.session-recorded'`,
        journeyRef,
      ),
    ).toBe(7);
    expect(
      await count(`SELECT count(*) AS n FROM referral.referral_case WHERE journey_ref = $1 AND outcome = 'completed'`, journeyRef),
    ).toBe(1);

    // Notifications on Kafka: one event per task and per session record (distinct event ids), each waited for by its type.
    const eventIds = (topic: string, type: string, id: (m: TappedMessage) => string): Map<string, Set<string>> => {
      const ids = new Map<string, Set<string>>();
      for (const m of tap.messages.filter(
        (x) => x.topic === topic && x.key === journeyRef && x.headers[KAFKA_HEADERS.eventType] === type,
      )) {
        ids.set(id(m), (ids.get(id(m)) ?? new Set<string>()).add(m.headers[KAFKA_HEADERS.eventId]));
      }
      return ids;
    };
    type Payload = { taskId?: string; sessionNumber?: number; attempt?: number };
    const payloadOf = (m: TappedMessage): Payload => (JSON.parse(m.value) as { payload: Payload }).payload;
    const taskOf = (m: TappedMessage): string => String(payloadOf(m).taskId);
    const recordOf = (m: TappedMessage): string => `session ${payloadOf(m).sessionNumber} attempt ${payloadOf(m).attempt}`;
    const perTask = await waitFor('a task.created notification to psychology for each of the nine tasks', async () => {
      const ids = eventIds(TOPICS.psychologyNotifications, 'task.created', taskOf);
      return ids.size >= 9 ? ids : undefined;
    });
    expect(perTask.size).toBe(9);
    expect([...perTask.values()].every((ids) => ids.size === 1)).toBe(true);
    const perRecord = await waitFor('a session-recorded notification to police for each of the seven records', async () => {
      const ids = eventIds(TOPICS.policeNotifications, 'intervention.session-recorded', recordOf);
      return ids.size >= 7 ? ids : undefined;
    });
    expect(perRecord.size).toBe(7);
    expect([...perRecord.values()].every((ids) => ids.size === 1)).toBe(true);
  });
});
