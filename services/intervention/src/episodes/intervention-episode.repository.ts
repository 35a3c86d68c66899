import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InterventionEpisodeEntity } from './entities/intervention-episode.entity';

@Injectable()
export class InterventionEpisodeRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertOnce(fields: Pick<InterventionEpisodeEntity, 'journeyRef' | 'participantRef' | 'status'>): Promise<{ row: InterventionEpisodeEntity; created: boolean }> {
    const result = await this.dataSource.manager.createQueryBuilder().insert().into(InterventionEpisodeEntity).values(fields).orIgnore().returning('id').execute();
    const row = await this.dataSource.manager.findOneByOrFail(InterventionEpisodeEntity, { journeyRef: fields.journeyRef });
    return { row, created: result.raw.length > 0 };
  }

  list(limit: number, offset: number): Promise<[InterventionEpisodeEntity[], number]> {
    return this.dataSource.manager.findAndCount(InterventionEpisodeEntity, { order: { openedAt: 'DESC' }, take: limit, skip: offset });
  }
}
