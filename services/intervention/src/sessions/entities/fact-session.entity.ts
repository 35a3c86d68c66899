import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One recorded fACT session outcome (a reschedule or a miss of the same session is its own row). */
@Entity({ name: 'fact_session' })
@Unique('uq_fact_session_attempt', ['journeyRef', 'sessionNumber', 'attempt'])
export class FactSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'journey_ref', type: 'text' })
  journeyRef!: string;

  @Column({ name: 'session_number', type: 'int' })
  sessionNumber!: number;

  @Column({ type: 'int' })
  attempt!: number;

  @Column({ type: 'text' })
  outcome!: 'attended' | 'missed' | 'rescheduled';

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
