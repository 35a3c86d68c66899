import { Injectable } from '@nestjs/common';
import type { OpenInterventionEpisodeInput, OpenInterventionEpisodeResult } from '@easi/contracts';
import { InterventionEpisodeRepository } from './intervention-episode.repository';

export type InterventionEpisodeView = { journeyRef: string; participantRef: string; status: string; openedAt: string };

@Injectable()
export class InterventionEpisodeService {
  constructor(private readonly episodes: InterventionEpisodeRepository) {}

  /** Opens the journey's episode once; a retried call returns the existing one. */
  async open(input: OpenInterventionEpisodeInput): Promise<OpenInterventionEpisodeResult> {
    const { row, created } = await this.episodes.insertOnce({ journeyRef: input.journeyRef, participantRef: input.participantRef, status: 'awaiting-allocation' });
    return { journeyRef: row.journeyRef, status: row.status, created };
  }

  async list(limit: number, offset: number): Promise<{ items: InterventionEpisodeView[]; total: number; limit: number; offset: number }> {
    const [rows, total] = await this.episodes.list(limit, offset);
    return {
      items: rows.map((row) => ({ journeyRef: row.journeyRef, participantRef: row.participantRef, status: row.status, openedAt: row.openedAt.toISOString() })),
      total,
      limit,
      offset,
    };
  }
}
