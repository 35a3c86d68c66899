import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OpenInterventionEpisodeInput, OpenInterventionEpisodeResult } from '@easi/contracts';
import { InterventionEpisodeEntity } from './entities/intervention-episode.entity';

export type InterventionEpisodeView = { journeyRef: string; participantRef: string; status: string; openedAt: string };

@Injectable()
export class InterventionEpisodeService {
  constructor(private readonly dataSource: DataSource) {}

  /** Opens the journey's episode once; a retried call returns the existing one. */
  async open(input: OpenInterventionEpisodeInput): Promise<OpenInterventionEpisodeResult> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .insert()
      .into(InterventionEpisodeEntity)
      .values({ journeyRef: input.journeyRef, participantRef: input.participantRef, status: 'awaiting-allocation' })
      .orIgnore()
      .returning('id')
      .execute();
    const row = await this.dataSource.manager.findOneByOrFail(InterventionEpisodeEntity, { journeyRef: input.journeyRef });
    return { journeyRef: row.journeyRef, status: row.status, created: result.raw.length > 0 };
  }

  async list(limit: number, offset: number): Promise<InterventionEpisodeView[]> {
    const rows = await this.dataSource.manager.find(InterventionEpisodeEntity, { order: { openedAt: 'DESC' }, take: limit, skip: offset });
    return rows.map((row) => ({ journeyRef: row.journeyRef, participantRef: row.participantRef, status: row.status, openedAt: row.openedAt.toISOString() }));
  }
}
