import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type EpisodeStatus = 'awaiting-allocation' | 'completed' | 'non-compliant' | 'stopped';

/** The psychology service's record of one participant's fACT intervention; one per journey. */
@Entity({ name: 'intervention_episode' })
@Unique('uq_intervention_episode_journey_ref', ['journeyRef'])
export class InterventionEpisodeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'journey_ref', type: 'text' })
  journeyRef!: string;

  @Column({ name: 'participant_ref', type: 'text' })
  participantRef!: string;

  @Column({ type: 'text' })
  status!: EpisodeStatus;

  @Column({ name: 'sessions_attended', type: 'int', default: 0 })
  sessionsAttended!: number;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @CreateDateColumn({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;
}
