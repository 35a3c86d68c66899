import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ReferralCaseEntity } from './entities/referral-case.entity';

export type NewReferralCase = Omit<ReferralCaseEntity, 'id' | 'openedAt'>;

@Injectable()
export class ReferralCaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Inserts unless the journey already has a case; returns the row and whether it is new. */
  async insertOnce(manager: EntityManager, fields: NewReferralCase): Promise<{ row: ReferralCaseEntity; created: boolean }> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(ReferralCaseEntity)
      .values(fields)
      .orIgnore()
      .returning('*')
      .execute();
    const created = result.raw.length > 0;
    const row = await manager.findOneByOrFail(ReferralCaseEntity, { journeyRef: fields.journeyRef });
    return { row, created };
  }

  findByCaseRef(caseRef: string): Promise<ReferralCaseEntity | null> {
    return this.dataSource.manager.findOneBy(ReferralCaseEntity, { caseRef });
  }

  findByJourneyRef(journeyRef: string): Promise<ReferralCaseEntity | null> {
    return this.dataSource.manager.findOneBy(ReferralCaseEntity, { journeyRef });
  }
}
