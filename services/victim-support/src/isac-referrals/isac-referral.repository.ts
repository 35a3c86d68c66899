import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { IsacReferralEntity } from './entities/isac-referral.entity';

export type NewIsacReferral = Omit<IsacReferralEntity, 'id' | 'receivedAt'>;

@Injectable()
export class IsacReferralRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertMany(manager: EntityManager, rows: NewIsacReferral[]): Promise<number> {
    if (rows.length === 0) return 0;
    const result = await manager.createQueryBuilder().insert().into(IsacReferralEntity).values(rows).orIgnore().returning('id').execute();
    return result.raw.length;
  }

  countAwaitingContact(journeyRef: string): Promise<number> {
    return this.dataSource.manager.countBy(IsacReferralEntity, { journeyRef, status: 'awaiting-contact' });
  }

  list(filter: { journeyRef?: string }, limit: number, offset: number): Promise<[IsacReferralEntity[], number]> {
    return this.dataSource.manager.findAndCount(IsacReferralEntity, {
      where: filter.journeyRef ? { journeyRef: filter.journeyRef } : {},
      order: { receivedAt: 'DESC' },
      take: limit,
      skip: offset,
    });
  }
}
