import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { CustodyEventEntity } from './entities/custody-event.entity';

export type NewCustodyEvent = Omit<CustodyEventEntity, 'id' | 'receivedAt' | 'journeyNotifiedAt'>;

@Injectable()
export class CustodyEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the event unless its source event id is already stored. */
  async insertOnce(fields: NewCustodyEvent): Promise<{ row: CustodyEventEntity; created: boolean }> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .insert()
      .into(CustodyEventEntity)
      .values(fields)
      .orIgnore()
      .returning('id')
      .execute();
    const row = await this.dataSource.manager.findOneByOrFail(CustodyEventEntity, { eventId: fields.eventId });
    return { row, created: result.raw.length > 0 };
  }

  async markJourneyNotified(id: string): Promise<void> {
    await this.dataSource.manager.update(CustodyEventEntity, { id, journeyNotifiedAt: IsNull() }, { journeyNotifiedAt: new Date() });
  }

  findByEventId(eventId: string): Promise<CustodyEventEntity | null> {
    return this.dataSource.manager.findOneBy(CustodyEventEntity, { eventId });
  }

  findByPerson(personRef: string, limit: number): Promise<CustodyEventEntity[]> {
    return this.dataSource.manager.find(CustodyEventEntity, { where: { personRef }, order: { occurredAt: 'DESC' }, take: limit });
  }
}
