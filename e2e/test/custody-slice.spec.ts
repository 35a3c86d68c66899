import type { Client } from '@temporalio/client';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import {
  KAFKA_HEADERS,
  NOTIFICATION_TYPES,
  TOPICS,
  deadLetterTopic,
  journeyStateQuery,
  journeyWorkflowId,
  type JourneyState,
} from '@easi/contracts';
import { KafkaTap, sampleCustodyEvent, uniqueRef, waitFor } from '@easi/testing';
import { Platform, http, platformTemporalClient, tokenFor } from '../src';

type IngestResult = { eventId: string; duplicate: boolean; journeyRef: string | null; workflowId: string | null };
type Page<T> = { items: T[]; total: number };
type IsacReferral = { journeyRef: string; victimRef: string; policeCaseRef: string };

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
/** The victim-support service's consumer group on its notifications topic. */
const VICTIM_SUPPORT_GROUP = 'easi-victim-support.notifications';
const platform = new Platform();
const tap = new KafkaTap(brokers, [TOPICS.victimServiceNotifications, deadLetterTopic(TOPICS.custodyEvents)]);
let temporal: Client;
let producer: Producer;
let police: string;
let isac: string;

const screening = (path: string): string => `${platform.url('screening')}${path}`;

const postCustodyEvent = (body: unknown, headers: Record<string, string> = {}) =>
  http<IngestResult>('POST', screening('/custody-events'), { token: police, body, headers });

const isacReferrals = async (journeyRef: string): Promise<Page<IsacReferral>> =>
  (await http<Page<IsacReferral>>('GET', `${platform.url('victim-support')}/isac-referrals?journeyRef=${journeyRef}`, { token: isac }))
    .body;

const runsOf = async (workflowId: string): Promise<number> => {
  let n = 0;
  for await (const _ of temporal.workflow.list({ query: `WorkflowId = '${workflowId}'` })) n += 1;
  return n;
};

beforeAll(async () => {
  police = await tokenFor('police', 'investigator');
  isac = await tokenFor('victim-service', 'isac');
  temporal = await platformTemporalClient();
  producer = new Kafka({ clientId: 'e2e', brokers, logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  await Promise.all([tap.start(), platform.start('screening', 'referral', 'victim-support', 'journey-worker')]);
});

afterAll(async () => {
  await platform.stopAll();
  await tap.stop();
  await producer.disconnect();
  await temporal.connection.close();
});

describe('custody event → journey → referral case → victim service', () => {
  it('should answer 401 when no token is sent', async () => {
    const res = await http('POST', screening('/custody-events'), { body: sampleCustodyEvent() });
    expect(res.status).toBe(401);
  });

  it('should answer 403 when the token belongs to another agency', async () => {
    const res = await http('POST', screening('/custody-events'), {
      token: await tokenFor('psychology', 'psychologist'),
      body: sampleCustodyEvent(),
    });
    expect(res.status).toBe(403);
  });

  it('should answer 400 naming each bad field when the custody event is invalid', async () => {
    const event = { ...sampleCustodyEvent(), suspect: { personRef: 'Jane Smith, 12 High St' }, offences: [], occurredAt: 'yesterday' };
    const res = await postCustodyEvent(event);
    expect(res.status).toBe(400);
    const issues = (res.body as unknown as { issues: string[] }).issues;
    expect(issues.some((i) => i.startsWith('suspect.personRef:'))).toBe(true);
    expect(issues.some((i) => i.startsWith('offences:'))).toBe(true);
    expect(issues.some((i) => i.startsWith('occurredAt:'))).toBe(true);
  });

  it('should start the journey, open a referral case and notify the victim service when a custody event arrives over HTTP', async () => {
    const event = sampleCustodyEvent();
    const correlationId = uniqueRef('corr').toLowerCase();
    const res = await postCustodyEvent(event, { 'x-correlation-id': correlationId });
    expect(res.status).toBe(202);
    expect(res.body.duplicate).toBe(false);
    const journeyRef = res.body.journeyRef as string;
    expect(res.body.workflowId).toBe(journeyWorkflowId(journeyRef));

    const state = await waitFor('the journey to open a referral case', async () => {
      const s = await temporal.workflow.getHandle(journeyWorkflowId(journeyRef)).query<JourneyState>(journeyStateQuery);
      return s.referralCaseRef ? s : undefined;
    });
    expect(state.stage).not.toBe('closed');

    // Victim support starts beside screening: its task.created can reach the topic first, with the same key.
    const notification = await tap.waitForEvent(TOPICS.victimServiceNotifications, journeyRef, NOTIFICATION_TYPES.candidateIdentified);
    expect(notification.headers[KAFKA_HEADERS.schemaVersion]).toBe('1');
    expect(notification.headers[KAFKA_HEADERS.correlationId]).toBe(correlationId);
    expect(JSON.parse(notification.value)).toMatchObject({
      journeyRef,
      audience: 'victim-service',
      payload: { caseRef: state.referralCaseRef },
    });

    const referrals = await waitFor('the ISAC referral', async () => {
      const page = await isacReferrals(journeyRef);
      return page.total > 0 ? page : undefined;
    });
    expect(referrals.items).toEqual([
      expect.objectContaining({ journeyRef, victimRef: event.victimRefs?.[0], policeCaseRef: state.referralCaseRef }),
    ]);
  });

  it('should not start a second journey when the same event is delivered again or the same person is arrested again', async () => {
    const event = sampleCustodyEvent();
    const first = await postCustodyEvent(event);
    const again = await postCustodyEvent(event);
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ duplicate: true, journeyRef: first.body.journeyRef });

    const later = sampleCustodyEvent({ suspect: event.suspect, victimRefs: event.victimRefs, eventType: 'charged' });
    const third = await postCustodyEvent(later);
    expect(third.body).toMatchObject({ duplicate: false, journeyRef: first.body.journeyRef });

    const workflowId = journeyWorkflowId(first.body.journeyRef as string);
    const state = await waitFor('the second event to reach the journey', async () => {
      const s = await temporal.workflow.getHandle(workflowId).query<JourneyState>(journeyStateQuery);
      return s.timeline.some((t) => t.what.startsWith('New custody event')) ? s : undefined;
    });
    expect(state.timeline.filter((t) => t.what.startsWith('New custody event'))).toHaveLength(1);
    await waitFor('visibility to list the journey', async () => ((await runsOf(workflowId)) > 0 ? true : undefined));
    expect(await runsOf(workflowId)).toBe(1);
  });

  it('should start a journey from the custody-events topic and dead-letter bad messages with the reason', async () => {
    const bad = sampleCustodyEvent({ eventType: 'teleported' as never });
    const good = sampleCustodyEvent();
    // A key of this run's own: the dead-letter topic keeps every earlier run's not-JSON message too.
    const notJsonKey = uniqueRef('not-json');
    await producer.send({
      topic: TOPICS.custodyEvents,
      messages: [
        { key: notJsonKey, value: '{"schemaVersion": 1, "eventId": ' },
        { key: bad.eventId, value: JSON.stringify(bad) },
        { key: good.eventId, value: JSON.stringify(good) },
      ],
    });
    const dlqNotJson = await tap.waitFor((m) => m.topic === deadLetterTopic(TOPICS.custodyEvents) && m.key === notJsonKey);
    expect(dlqNotJson.headers[KAFKA_HEADERS.deadLetterReason]).toMatch(/JSON/i);
    const dlqInvalid = await tap.waitFor((m) => m.topic === deadLetterTopic(TOPICS.custodyEvents) && m.key === bad.eventId);
    expect(dlqInvalid.headers[KAFKA_HEADERS.deadLetterReason]).toContain('eventType');
    expect(dlqInvalid.value).toBe(JSON.stringify(bad));

    const stored = await waitFor('the good Kafka event to be stored', async () => {
      const res = await http<IngestResult & { journeyRef: string }>('GET', screening(`/custody-events/${good.eventId}`), { token: police });
      return res.status === 200 ? res.body : undefined;
    });
    await waitFor('its journey to exist', async () => {
      const description = await temporal.workflow.getHandle(journeyWorkflowId(stored.journeyRef)).describe();
      return description.status.name === 'RUNNING' ? description : undefined;
    });
  });

  it('should process a notification exactly once when the victim service was down while it was sent', async () => {
    await platform.kill('victim-support');
    const event = sampleCustodyEvent({ victimRefs: [uniqueRef('V'), uniqueRef('V')] });
    const res = await postCustodyEvent(event);
    const journeyRef = res.body.journeyRef as string;
    const notification = await tap.waitForEvent(TOPICS.victimServiceNotifications, journeyRef, NOTIFICATION_TYPES.candidateIdentified);

    await platform.start('victim-support');
    const page = await waitFor('both ISAC referrals', async () => {
      const p = await isacReferrals(journeyRef);
      return p.total >= 2 ? p : undefined;
    });
    await platform.stop('victim-support');
    await platform.start('victim-support');
    // A redelivery after the restart would be handled before its group commits past the notification.
    await tap.waitUntilCommittedPast(VICTIM_SUPPORT_GROUP, notification);
    const after = await isacReferrals(journeyRef);
    expect(page.total).toBe(2);
    expect(after.total).toBe(2);
    expect(new Set(after.items.map((i) => i.victimRef))).toEqual(new Set(event.victimRefs));
  });
});
