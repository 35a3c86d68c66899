import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import {
  NOTIFICATION_TYPES,
  type CloseReferralCaseInput,
  TOPICS,
  type CandidateIdentifiedPayloadV1,
  type NotificationEnvelopeV1,
  type OpenReferralCaseInput,
  type OpenReferralCaseResult,
} from '@easi/contracts';
import { writeOutbox } from '@easi/messaging';
import { OutboxRelayHost } from '@easi/service-kit';
import { ReferralCaseRepository } from './referral-case.repository';
import type { ReferralCaseEntity } from './entities/referral-case.entity';

const CASE_REF_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

const newCaseRef = (): string => `RC-${Array.from(randomBytes(8), (b) => CASE_REF_ALPHABET[b % CASE_REF_ALPHABET.length]).join('')}`;

export type ReferralCaseView = {
  caseRef: string;
  journeyRef: string;
  personRef: string;
  policeArea: string;
  relationshipToVictim: string;
  victimRefs: string[];
  openedAt: string;
  outcome: string | null;
  closureReason: string | null;
  closedAt: string | null;
};

@Injectable()
export class ReferralCaseService {
  constructor(
    private readonly cases: ReferralCaseRepository,
    private readonly relay: OutboxRelayHost,
  ) {}

  /**
   * Opens the journey's referral case and, in the same transaction, queues the notification that
   * asks the victim service to offer ISAC support. A retried call finds the case and sends nothing.
   */
  async openCase(input: OpenReferralCaseInput): Promise<OpenReferralCaseResult> {
    return this.cases.transaction(async (manager) => {
      const { row, created } = await this.cases.insertOnce(manager, {
        caseRef: newCaseRef(),
        journeyRef: input.journeyRef,
        personRef: input.personRef,
        policeArea: input.policeArea,
        relationshipToVictim: input.relationshipToVictim,
        victimRefs: input.victimRefs,
        sourceEventId: input.sourceEventId,
      });
      if (created && input.victimRefs.length > 0) {
        const eventId = randomUUID();
        const payload: CandidateIdentifiedPayloadV1 = {
          caseRef: row.caseRef,
          victimRefs: row.victimRefs,
          policeArea: row.policeArea,
          relationshipToVictim: row.relationshipToVictim,
          identifiedAt: row.openedAt.toISOString(),
        };
        const envelope: NotificationEnvelopeV1 = {
          eventId,
          type: NOTIFICATION_TYPES.candidateIdentified,
          schemaVersion: 1,
          journeyRef: row.journeyRef,
          audience: 'victim-service',
          occurredAt: row.openedAt.toISOString(),
          payload,
        };
        await writeOutbox(manager, {
          eventId,
          topic: TOPICS.victimServiceNotifications,
          key: row.journeyRef,
          eventType: envelope.type,
          schemaVersion: envelope.schemaVersion,
          payload: envelope,
        });
      }
      return { caseRef: row.caseRef, created };
    });
  }

  /**
   * Records the journey's outcome on its case and announces the closure on the pseudonymised
   * journey-events topic, once: a retried call changes nothing and sends nothing.
   */
  async closeCase(input: CloseReferralCaseInput): Promise<{ closed: boolean }> {
    const closed = await this.cases.transaction(async (manager) => {
      const row = await this.cases.closeOnce(manager, input.journeyRef, input.outcome, input.reason);
      if (!row) {
        if (!(await this.cases.findByJourneyRef(input.journeyRef))) {
          throw ApplicationFailure.create({
            type: 'BusinessRefusal',
            message: `no referral case for journey ${input.journeyRef}`,
            nonRetryable: true,
          });
        }
        return false;
      }
      const eventId = randomUUID();
      await writeOutbox(manager, {
        eventId,
        topic: TOPICS.journeyEvents,
        key: row.journeyRef,
        eventType: 'journey.closed',
        schemaVersion: 1,
        payload: {
          eventId,
          type: 'journey.closed',
          schemaVersion: 1,
          journeyRef: row.journeyRef,
          caseRef: row.caseRef,
          outcome: input.outcome,
          closedAt: (row.closedAt ?? new Date()).toISOString(),
        },
      });
      return true;
    });
    if (closed) this.relay.wake();
    return { closed };
  }

  async findByCaseRef(caseRef: string): Promise<ReferralCaseView | null> {
    const row = await this.cases.findByCaseRef(caseRef);
    return row ? toView(row) : null;
  }

  async findByJourneyRef(journeyRef: string): Promise<ReferralCaseView | null> {
    const row = await this.cases.findByJourneyRef(journeyRef);
    return row ? toView(row) : null;
  }
}

const toView = (row: ReferralCaseEntity): ReferralCaseView => ({
  caseRef: row.caseRef,
  journeyRef: row.journeyRef,
  personRef: row.personRef,
  policeArea: row.policeArea,
  relationshipToVictim: row.relationshipToVictim,
  victimRefs: row.victimRefs,
  openedAt: row.openedAt.toISOString(),
  outcome: row.outcome,
  closureReason: row.closureReason,
  closedAt: row.closedAt?.toISOString() ?? null,
});
