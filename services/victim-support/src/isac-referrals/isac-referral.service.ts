import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CandidateIdentifiedNotificationV1 } from '@easi/contracts';
import { IsacReferralRepository } from './isac-referral.repository';
import type { IsacReferralEntity } from './entities/isac-referral.entity';

export type IsacReferralView = {
  journeyRef: string;
  victimRef: string;
  policeCaseRef: string;
  policeArea: string;
  relationshipToSuspect: string;
  status: string;
  identifiedAt: string;
  receivedAt: string;
};

export type Page<T> = { items: T[]; total: number; limit: number; offset: number };

@Injectable()
export class IsacReferralService {
  constructor(private readonly referrals: IsacReferralRepository) {}

  /** Records one ISAC referral per victim named in a candidate-identified notification. */
  async recordCandidateIdentified(notification: CandidateIdentifiedNotificationV1, manager: EntityManager): Promise<number> {
    const { payload } = notification;
    return this.referrals.insertMany(
      manager,
      payload.victimRefs.map((victimRef) => ({
        journeyRef: notification.journeyRef,
        victimRef,
        policeCaseRef: payload.caseRef,
        policeArea: payload.policeArea,
        relationshipToSuspect: payload.relationshipToVictim,
        status: 'awaiting-contact' as const,
        sourceEventId: notification.eventId,
        identifiedAt: new Date(payload.identifiedAt),
      })),
    );
  }

  async awaitingContact(journeyRef: string): Promise<number> {
    return this.referrals.countAwaitingContact(journeyRef);
  }

  async list(filter: { journeyRef?: string }, limit: number, offset: number): Promise<Page<IsacReferralView>> {
    const [rows, total] = await this.referrals.list(filter, limit, offset);
    return { items: rows.map(toView), total, limit, offset };
  }
}

const toView = (row: IsacReferralEntity): IsacReferralView => ({
  journeyRef: row.journeyRef,
  victimRef: row.victimRef,
  policeCaseRef: row.policeCaseRef,
  policeArea: row.policeArea,
  relationshipToSuspect: row.relationshipToSuspect,
  status: row.status,
  identifiedAt: row.identifiedAt.toISOString(),
  receivedAt: row.receivedAt.toISOString(),
});
