import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import { CustodyEventEntity } from './entities/custody-event.entity';

export type NewCustodyEvent = Omit<CustodyEventEntity, 'id' | 'receivedAt' | 'journeyNotifiedAt'>;

@Injectable()
export class CustodyEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores the events whose source event ids are not stored yet, in one statement, and returns
   * every row (new or earlier) with the ids that were new. Event ids must be distinct.
   */
  async insertMany(fields: readonly NewCustodyEvent[]): Promise<{ rows: CustodyEventEntity[]; created: Set<string> }> {
    if (fields.length === 0) return { rows: [], created: new Set() };
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .insert()
      .into(CustodyEventEntity)
      .values([...fields])
      .orIgnore()
      .returning('event_id')
      .execute();
    const created = new Set((result.raw as { event_id: string }[]).map((r) => r.event_id));
    const rows = await this.dataSource.manager.findBy(CustodyEventEntity, { eventId: In(fields.map((f) => f.eventId)) });
    return { rows, created };
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
