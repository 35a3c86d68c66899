import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { FactSessionEntity } from '../sessions/entities/fact-session.entity';
import { InterventionEpisodeEntity, type EpisodeStatus } from './entities/intervention-episode.entity';

@Injectable()
export class InterventionEpisodeRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insertOnce(
    fields: Pick<InterventionEpisodeEntity, 'journeyRef' | 'participantRef' | 'status'>,
  ): Promise<{ row: InterventionEpisodeEntity; created: boolean }> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .insert()
      .into(InterventionEpisodeEntity)
      .values(fields)
      .orIgnore()
      .returning('id')
      .execute();
    const row = await this.dataSource.manager.findOneByOrFail(InterventionEpisodeEntity, { journeyRef: fields.journeyRef });
    return { row, created: result.raw.length > 0 };
  }

  async insertSessionOnce(manager: EntityManager, fields: Omit<FactSessionEntity, 'id' | 'recordedAt'>): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(FactSessionEntity)
      .values(fields)
      .orIgnore()
      .returning('id')
      .updateEntity(false)
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  async refreshAttended(manager: EntityManager, journeyRef: string): Promise<void> {
    await manager.query(
      `UPDATE intervention_episode SET sessions_attended = (SELECT count(*) FROM fact_session WHERE journey_ref = $1 AND outcome = 'attended') WHERE journey_ref = $1`,
      [journeyRef],
    );
  }

  async closeOnce(manager: EntityManager, journeyRef: string, status: EpisodeStatus): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(InterventionEpisodeEntity)
      .set({ status, closedAt: () => 'now()' })
      .where('journey_ref = :journeyRef AND closed_at IS NULL', { journeyRef })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  sessions(journeyRef: string): Promise<FactSessionEntity[]> {
    return this.dataSource.manager.find(FactSessionEntity, { where: { journeyRef }, order: { sessionNumber: 'ASC', attempt: 'ASC' } });
  }

  list(limit: number, offset: number): Promise<[InterventionEpisodeEntity[], number]> {
    return this.dataSource.manager.findAndCount(InterventionEpisodeEntity, { order: { openedAt: 'DESC' }, take: limit, skip: offset });
  }

  findByJourneyRef(journeyRef: string): Promise<InterventionEpisodeEntity | null> {
    return this.dataSource.manager.findOneBy(InterventionEpisodeEntity, { journeyRef });
  }
}
