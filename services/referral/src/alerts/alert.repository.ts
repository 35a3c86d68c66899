import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AlertEntity } from './entities/alert.entity';

@Injectable()
export class AlertRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insertOnce(manager: EntityManager, fields: Omit<AlertEntity, 'id' | 'raisedAt'>): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(AlertEntity)
      .values(fields)
      .orIgnore()
      .returning('id')
      .updateEntity(false)
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  byJourney(journeyRef: string): Promise<AlertEntity[]> {
    return this.dataSource.manager.find(AlertEntity, { where: { journeyRef }, order: { raisedAt: 'ASC' } });
  }
}
