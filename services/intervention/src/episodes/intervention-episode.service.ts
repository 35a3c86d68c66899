import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  TOPICS,
  type CloseInterventionEpisodeInput,
  type NotificationEnvelopeV1,
  type OpenInterventionEpisodeInput,
  type OpenInterventionEpisodeResult,
  type RecordSessionInput,
} from '@easi/contracts';
import { writeOutbox } from '@easi/messaging';
import { OutboxRelayHost } from '@easi/service-kit';
import type { EntityManager } from 'typeorm';
import { InterventionEpisodeRepository } from './intervention-episode.repository';

export type InterventionEpisodeView = {
  journeyRef: string;
  participantRef: string;
  status: string;
  sessionsAttended: number;
  openedAt: string;
  closedAt: string | null;
};
export type SessionView = { sessionNumber: number; attempt: number; outcome: string; recordedBy: string; recordedAt: string };

/** Progress and compliance go to police under the information-sharing agreement (never therapy notes). */
const notifyPolice = async (manager: EntityManager, journeyRef: string, type: string, payload: Record<string, unknown>): Promise<void> => {
  const eventId = randomUUID();
  const envelope: NotificationEnvelopeV1 = {
    eventId,
    type,
    schemaVersion: 1,
    journeyRef,
    audience: 'police',
    occurredAt: new Date().toISOString(),
    payload,
  };
  await writeOutbox(manager, {
    eventId,
    topic: TOPICS.policeNotifications,
    key: journeyRef,
    eventType: type,
    schemaVersion: 1,
    payload: envelope,
  });
};

@Injectable()
export class InterventionEpisodeService {
  constructor(
    private readonly episodes: InterventionEpisodeRepository,
    private readonly relay: OutboxRelayHost,
  ) {}

  /** Opens the journey's episode once; a retried call returns the existing one. */
  async open(input: OpenInterventionEpisodeInput): Promise<OpenInterventionEpisodeResult> {
    const { row, created } = await this.episodes.insertOnce({
      journeyRef: input.journeyRef,
      participantRef: input.participantRef,
      status: 'awaiting-allocation',
    });
    return { journeyRef: row.journeyRef, status: row.status, created };
  }

  /** One row and one police notification per session record, whatever the retries. */
  async recordSession(input: RecordSessionInput): Promise<{ created: boolean }> {
    const created = await this.episodes.transaction(async (manager) => {
      const made = await this.episodes.insertSessionOnce(manager, {
        journeyRef: input.journeyRef,
        sessionNumber: input.sessionNumber,
        attempt: input.attempt,
        outcome: input.outcome,
        recordedBy: input.recordedBy,
      });
      if (!made) return false;
      await this.episodes.refreshAttended(manager, input.journeyRef);
      await notifyPolice(manager, input.journeyRef, 'intervention.session-recorded', {
        sessionNumber: input.sessionNumber,
        attempt: input.attempt,
        outcome: input.outcome,
      });
      return true;
    });
    if (created) this.relay.wake();
    return { created };
  }

  async close(input: CloseInterventionEpisodeInput): Promise<{ closed: boolean }> {
    const closed = await this.episodes.transaction(async (manager) => {
      if (!(await this.episodes.closeOnce(manager, input.journeyRef, input.status))) return false;
      await notifyPolice(manager, input.journeyRef, 'intervention.closed', {
        status: input.status,
        sessionsAttended: input.sessionsAttended,
      });
      return true;
    });
    if (closed) this.relay.wake();
    return { closed };
  }

  async sessions(journeyRef: string): Promise<SessionView[]> {
    return (await this.episodes.sessions(journeyRef)).map((s) => ({
      sessionNumber: s.sessionNumber,
      attempt: s.attempt,
      outcome: s.outcome,
      recordedBy: s.recordedBy,
      recordedAt: s.recordedAt.toISOString(),
    }));
  }

  async list(limit: number, offset: number): Promise<{ items: InterventionEpisodeView[]; total: number; limit: number; offset: number }> {
    const [rows, total] = await this.episodes.list(limit, offset);
    return {
      items: rows.map((row) => ({
        journeyRef: row.journeyRef,
        participantRef: row.participantRef,
        status: row.status,
        sessionsAttended: row.sessionsAttended,
        openedAt: row.openedAt.toISOString(),
        closedAt: row.closedAt?.toISOString() ?? null,
      })),
      total,
      limit,
      offset,
    };
  }
}
