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
import { OffenceFamilyRepository } from '../offence-families/offence-family.repository';
import { CustodyEventRepository, type NewCustodyEvent } from './custody-event.repository';
import { journeyRefFor } from './journey-ref';
import type { CustodyEventEntity } from './entities/custody-event.entity';

export type CustodyIngestResult = {
  eventId: string;
  /** True when this event id had been received before (nothing new happened). */
  duplicate: boolean;
  /** Null when the event involves no screened offence: stored, no journey. */
  journeyRef: string | null;
  workflowId: string | null;
};

export type CustodyBulkResult = {
  received: number;
  stored: number;
  duplicates: number;
  /** One entry per event sent, in order; `duplicate` when that event id was stored before (or earlier in the request). */
  items: CustodyIngestResult[];
};

/** Journeys handed their events at once by a bulk request (each journey's own events stay in order). */
const JOURNEY_HANDOFF_CONCURRENCY = 8;

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
    private readonly families: OffenceFamilyRepository,
  ) {}

  /**
   * Stores the event, then starts the person's journey or signals the open one (signal-with-start).
   * Redelivery is harmless: a stored event whose journey was already reached does nothing; one
   * stored but not yet handed to Temporal (a crash in between) is handed over again, and the
   * workflow ignores an event id it has seen.
   */
  async ingest(event: CustodyEventV1, via: 'http' | 'kafka', policy: JourneyPolicy = DEFAULT_JOURNEY_POLICY): Promise<CustodyIngestResult> {
    return (await this.ingestMany([event], via, policy)).items[0]!;
  }

  /**
   * `ingest` for many events at once (the bulk route): one insert for all of them, then each
   * journey is handed its events in the order sent, one event at a time (so the first starts it
   * and the rest signal it), different journeys in parallel. An event id repeated within the
   * batch, or already stored and handed over, does nothing; a resent batch starts no journey.
   */
  async ingestMany(
    events: readonly CustodyEventV1[],
    via: 'http' | 'kafka',
    policy: JourneyPolicy = DEFAULT_JOURNEY_POLICY,
  ): Promise<CustodyBulkResult> {
    const firstById = new Map<string, CustodyEventV1>();
    for (const event of events) if (!firstById.has(event.eventId)) firstById.set(event.eventId, event);
    const unique = [...firstById.values()];
    // Which families start journeys is reference data a supervisor can change: read it for each batch
    // (a handful of rows; custody events come in hundreds a day), so a change applies to the next event.
    const startingJourneys = await this.families.startingJourneys();
    const { rows, created } = await this.events.insertMany(unique.map((event) => toNewRow(event, via, startingJourneys)));
    const rowById = new Map(rows.map((row) => [row.eventId, row]));

    // Rows are read back, not taken from the request: an event stored earlier keeps its journey.
    const byJourney = new Map<string, CustodyEventEntity[]>();
    for (const event of unique) {
      const row = rowById.get(event.eventId)!;
      if (!row.journeyRef || row.journeyNotifiedAt) continue;
      byJourney.set(row.journeyRef, [...(byJourney.get(row.journeyRef) ?? []), row]);
    }
    await inParallel([...byJourney.values()], JOURNEY_HANDOFF_CONCURRENCY, async (journeyRows) => {
      for (const row of journeyRows) await this.handOver(row, policy);
    });

    const handled = new Set<string>();
    const items = events.map((event) => {
      const row = rowById.get(event.eventId)!;
      const duplicate = !created.has(event.eventId) || handled.has(event.eventId);
      handled.add(event.eventId);
      return {
        eventId: event.eventId,
        duplicate,
        journeyRef: row.journeyRef,
        workflowId: row.journeyRef ? journeyWorkflowId(row.journeyRef) : null,
      };
    });
    const duplicates = items.filter((i) => i.duplicate).length;
    return { received: events.length, stored: events.length - duplicates, duplicates, items };
  }

  /** Starts the person's journey or signals the open one with this event, then marks the row handed over. */
  private async handOver(row: CustodyEventEntity, policy: JourneyPolicy): Promise<void> {
    const trigger = toTrigger(row.payload);
    const input: JourneyInput = { journeyRef: row.journeyRef!, trigger, policy };
    await this.temporal.workflow.signalWithStart(JOURNEY_WORKFLOW_TYPE, {
      workflowId: journeyWorkflowId(row.journeyRef!),
      taskQueue: TASK_QUEUES.journeys,
      args: [input],
      signal: policeEventSignal,
      signalArgs: [trigger],
    });
    await this.events.markJourneyNotified(row.id);
  }

  async findByEventId(eventId: string): Promise<CustodyEventView | null> {
    const row = await this.events.findByEventId(eventId);
    return row ? toView(row) : null;
  }

  async findByPerson(personRef: string): Promise<CustodyEventView[]> {
    return (await this.events.findByPerson(personRef, 200)).map(toView);
  }
}

/** The event as stored; it reaches a journey when any of its offences is in a family that starts journeys. */
const toNewRow = (event: CustodyEventV1, via: 'http' | 'kafka', startingJourneys: ReadonlySet<string>): NewCustodyEvent => {
  const screened = event.offences.some((o) => startingJourneys.has(o.family));
  return {
    eventId: event.eventId,
    eventType: event.eventType,
    custodyRecordRef: event.custodyRecordRef,
    personRef: event.suspect.personRef,
    policeArea: event.policeArea,
    occurredAt: new Date(event.occurredAt),
    payload: event,
    journeyRef: screened ? journeyRefFor(event.policeArea, event.suspect.personRef) : null,
    receivedVia: via,
  };
};

/** Runs `work` over the items with at most `limit` at a time; the first failure is thrown once all have settled. */
const inParallel = async <I>(items: readonly I[], limit: number, work: (item: I) => Promise<void>): Promise<void> => {
  let next = 0;
  const failures: unknown[] = [];
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next]!;
      next += 1;
      await work(item).catch((error: unknown) => void failures.push(error));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failures.length > 0) throw failures[0];
};

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
