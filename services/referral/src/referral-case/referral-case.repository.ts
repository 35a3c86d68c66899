import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ReferralCaseEntity } from './entities/referral-case.entity';

export type NewReferralCase = Omit<ReferralCaseEntity, 'id' | 'openedAt' | 'outcome' | 'closureReason' | 'closedAt'>;

@Injectable()
export class ReferralCaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Inserts unless the journey already has a case; returns the row and whether it is new. */
  async insertOnce(manager: EntityManager, fields: NewReferralCase): Promise<{ row: ReferralCaseEntity; created: boolean }> {
    const result = await manager.createQueryBuilder().insert().into(ReferralCaseEntity).values(fields).orIgnore().returning('*').execute();
    const created = result.raw.length > 0;
    const row = await manager.findOneByOrFail(ReferralCaseEntity, { journeyRef: fields.journeyRef });
    return { row, created };
  }

  /** Sets the outcome once; true when this call closed the case. */
  async closeOnce(manager: EntityManager, journeyRef: string, outcome: string, reason: string): Promise<ReferralCaseEntity | null> {
    const result = await manager
      .createQueryBuilder()
      .update(ReferralCaseEntity)
      .set({ outcome, closureReason: reason, closedAt: () => 'now()' })
      .where('journey_ref = :journeyRef AND closed_at IS NULL', { journeyRef })
      .execute();
    return (result.affected ?? 0) > 0 ? manager.findOneByOrFail(ReferralCaseEntity, { journeyRef }) : null;
  }

  findByCaseRef(caseRef: string): Promise<ReferralCaseEntity | null> {
    return this.dataSource.manager.findOneBy(ReferralCaseEntity, { caseRef });
  }

  findByJourneyRef(journeyRef: string): Promise<ReferralCaseEntity | null> {
    return this.dataSource.manager.findOneBy(ReferralCaseEntity, { journeyRef });
  }
}
