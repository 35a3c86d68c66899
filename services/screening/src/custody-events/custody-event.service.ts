import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import {
  DEFAULT_JOURNEY_POLICY,
  JOURNEY_WORKFLOW_TYPE,
  TASK_QUEUES,
  journeyWorkflowId,
  policeEventSignal,
  type CustodyEventV1,
  type JourneyInput,
  type JourneyPolicy,
  type JourneyTrigger,
  type OffenceFamily,
} from '@easi/contracts';
import { TEMPORAL_CLIENT } from '@easi/temporal';
import { CustodyEventRepository } from './custody-event.repository';
import { journeyRefFor } from './journey-ref';
import type { CustodyEventEntity } from './entities/custody-event.entity';

/** Offence families that start (or reach) an EASI journey when a person is in custody for them. */
export const JOURNEY_OFFENCE_FAMILIES: ReadonlySet<OffenceFamily> = new Set<OffenceFamily>([
  'stalking',
  'harassment',
  'harassment-fear-of-violence',
  'racially-aggravated-harassment',
  'breach-non-molestation-order',
  'breach-community-resolution',
  'breach-spo',
]);

export type CustodyIngestResult = {
  eventId: string;
  /** True when this event id had been received before (nothing new happened). */
  duplicate: boolean;
  /** Null when the event involves no screened offence: stored, no journey. */
  journeyRef: string | null;
  workflowId: string | null;
};

export type CustodyEventView = {
  eventId: string;
  eventType: string;
  custodyRecordRef: string;
  personRef: string;
  policeArea: string;
  occurredAt: string;
  offenceFamilies: OffenceFamily[];
  journeyRef: string | null;
  receivedVia: 'http' | 'kafka';
  receivedAt: string;
};

@Injectable()
export class CustodyEventService {
  constructor(
    private readonly events: CustodyEventRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  /**
   * Stores the event, then starts the person's journey or signals the open one (signal-with-start).
   * Redelivery is harmless: a stored event whose journey was already reached does nothing; one
   * stored but not yet handed to Temporal (a crash in between) is handed over again, and the
   * workflow ignores an event id it has seen.
   */
  async ingest(event: CustodyEventV1, via: 'http' | 'kafka', policy: JourneyPolicy = DEFAULT_JOURNEY_POLICY): Promise<CustodyIngestResult> {
    const screened = event.offences.some((o) => JOURNEY_OFFENCE_FAMILIES.has(o.family));
    const journeyRef = screened ? journeyRefFor(event.policeArea, event.suspect.personRef) : null;
    const { row, created } = await this.events.insertOnce({
      eventId: event.eventId,
      eventType: event.eventType,
      custodyRecordRef: event.custodyRecordRef,
      personRef: event.suspect.personRef,
      policeArea: event.policeArea,
      occurredAt: new Date(event.occurredAt),
      payload: event,
      journeyRef,
      receivedVia: via,
    });
    const result = { eventId: event.eventId, duplicate: !created, journeyRef: row.journeyRef, workflowId: row.journeyRef ? journeyWorkflowId(row.journeyRef) : null };
    if (!row.journeyRef || row.journeyNotifiedAt) return result;

    const trigger = toTrigger(row.payload);
    const input: JourneyInput = { journeyRef: row.journeyRef, trigger, policy };
    await this.temporal.workflow.signalWithStart(JOURNEY_WORKFLOW_TYPE, {
      workflowId: journeyWorkflowId(row.journeyRef),
      taskQueue: TASK_QUEUES.journeys,
      args: [input],
      signal: policeEventSignal,
      signalArgs: [trigger],
    });
    await this.events.markJourneyNotified(row.id);
    return result;
  }

  async findByEventId(eventId: string): Promise<CustodyEventView | null> {
    const row = await this.events.findByEventId(eventId);
    return row ? toView(row) : null;
  }

  async findByPerson(personRef: string): Promise<CustodyEventView[]> {
    return (await this.events.findByPerson(personRef, 200)).map(toView);
  }
}

const toTrigger = (event: CustodyEventV1): JourneyTrigger => ({
  kind: 'custody-event',
  sourceEventId: event.eventId,
  policeArea: event.policeArea,
  personRef: event.suspect.personRef,
  victimRefs: event.victimRefs,
  relationshipToVictim: event.relationshipToVictim,
  offenceFamilies: event.offences.map((o) => o.family),
  occurredAt: event.occurredAt,
});

const toView = (row: CustodyEventEntity): CustodyEventView => ({
  eventId: row.eventId,
  eventType: row.eventType,
  custodyRecordRef: row.custodyRecordRef,
  personRef: row.personRef,
  policeArea: row.policeArea,
  occurredAt: row.occurredAt.toISOString(),
  offenceFamilies: row.payload.offences.map((o) => o.family),
  journeyRef: row.journeyRef,
  receivedVia: row.receivedVia,
  receivedAt: row.receivedAt.toISOString(),
});
