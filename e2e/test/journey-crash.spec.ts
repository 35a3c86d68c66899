import { Client as PgClient } from 'pg';
import { KAFKA_HEADERS, TOPICS } from '@easi/contracts';
import { KafkaTap, waitFor } from '@easi/testing';
import { JourneyPlatform } from '../src';

const p = new JourneyPlatform(4400);
const d = p.driver;
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const tap = new KafkaTap(brokers, [TOPICS.psychologyNotifications, TOPICS.policeNotifications]);
const db = new PgClient({ connectionString: process.env.DATABASE_URL ?? 'postgres://easi:easi@127.0.0.1:5432/easi' });

beforeAll(async () => {
  await db.connect();
  await Promise.all([tap.start(), p.start()]);
});

afterAll(async () => {
  await p.stop();
  await tap.stop();
  await db.end();
});

const count = async (sql: string, journeyRef: string): Promise<number> => Number((await db.query<{ n: string }>(sql, [journeyRef])).rows[0].n);

describe('crash in the middle of the intervention', () => {
  it('should finish the journey with exactly one row and one notification per step when the journey worker and the intervention service are killed -9', async () => {
    const journeyRef = await p.arrest();
    await d.toIntervention(journeyRef);
    await d.decide(journeyRef, 'psychometrics-pre', { instruments: ['AAQ-II', 'CFQ-7'] }, 'baseline');
    await d.sessions(journeyRef, ['attended', 'attended']);

    // The third session's decision is accepted; its activities (session row, next task) are now in flight.
    await d.sessions(journeyRef, ['attended'], 3);
    await Promise.all([p.platform.kill('journey-worker'), p.platform.kill('intervention')]);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await p.platform.start('intervention', 'journey-worker');

    await d.sessions(journeyRef, ['missed', 'attended', 'attended', 'attended'], 4);
    await d.decide(journeyRef, 'psychometrics-post', { instruments: ['AAQ-II', 'CFQ-7'] }, 'post-treatment');
    const state = await p.closed(journeyRef, 90_000);
    expect(state).toMatchObject({ outcome: 'completed', sessionsAttended: 6 });

    // Rows: one per step in the intervention schema.
    expect(await count(`SELECT count(*) AS n FROM intervention.fact_session WHERE journey_ref = $1`, journeyRef)).toBe(7);
    expect(await count(`SELECT count(DISTINCT (session_number, attempt)) AS n FROM intervention.fact_session WHERE journey_ref = $1`, journeyRef)).toBe(7);
    expect(await count(`SELECT count(*) AS n FROM intervention.human_task WHERE journey_ref = $1`, journeyRef)).toBe(9);
    expect(await count(`SELECT count(*) AS n FROM intervention.human_task WHERE journey_ref = $1 AND status = 'completed'`, journeyRef)).toBe(9);
    expect(await count(`SELECT count(*) AS n FROM intervention.intervention_episode WHERE journey_ref = $1 AND status = 'completed'`, journeyRef)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM intervention.outbox WHERE message_key = $1 AND event_type = 'task.created'`, journeyRef)).toBe(9);
    expect(await count(`SELECT count(*) AS n FROM intervention.outbox WHERE message_key = $1 AND event_type = 'intervention.session-recorded'`, journeyRef)).toBe(7);
    expect(await count(`SELECT count(*) AS n FROM referral.referral_case WHERE journey_ref = $1 AND outcome = 'completed'`, journeyRef)).toBe(1);

    // Notifications on Kafka: one event per task and per session record (distinct event ids).
    const mine = await waitFor('all notifications on Kafka', async () => {
      const m = tap.messages.filter((x) => x.key === journeyRef && x.topic === TOPICS.psychologyNotifications);
      return m.length >= 9 ? m : undefined;
    });
    const perTask = new Map<string, Set<string>>();
    for (const m of mine) {
      const body = JSON.parse(m.value) as { type: string; payload: { taskId?: string } };
      if (body.type !== 'task.created' || !body.payload.taskId) continue;
      const ids = perTask.get(body.payload.taskId) ?? new Set<string>();
      ids.add(m.headers[KAFKA_HEADERS.eventId]);
      perTask.set(body.payload.taskId, ids);
    }
    expect(perTask.size).toBe(9);
    expect([...perTask.values()].every((ids) => ids.size === 1)).toBe(true);
    const sessionEvents = await waitFor('session notifications', async () => {
      const ids = new Set(tap.messages.filter((x) => x.key === journeyRef && x.headers[KAFKA_HEADERS.eventType] === 'intervention.session-recorded').map((x) => x.headers[KAFKA_HEADERS.eventId]));
      return ids.size >= 7 ? ids : undefined;
    });
    expect(sessionEvents.size).toBe(7);
  });
});
