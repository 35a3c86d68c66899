import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A cross-agency alert raised by a journey (new risk, relevant event in monitoring); one per alert id. */
@Entity({ name: 'alert' })
@Unique('uq_alert_alert_id', ['alertId'])
export class AlertEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'alert_id', type: 'text' })
  alertId!: string;

  @Column({ name: 'journey_ref', type: 'text' })
  journeyRef!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'jsonb' })
  audiences!: string[];

  @Column({ type: 'text' })
  summary!: string;

  @CreateDateColumn({ name: 'raised_at', type: 'timestamptz' })
  raisedAt!: Date;
}
