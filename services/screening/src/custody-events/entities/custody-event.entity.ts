import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { CustodyEventV1 } from '@easi/contracts';

/** A custody event as received (HTTP or Kafka); the source event id makes redelivery a no-op. */
@Entity({ name: 'custody_event' })
@Unique('uq_custody_event_event_id', ['eventId'])
export class CustodyEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'custody_record_ref', type: 'text' })
  custodyRecordRef!: string;

  @Column({ name: 'person_ref', type: 'text' })
  personRef!: string;

  @Column({ name: 'police_area', type: 'text' })
  policeArea!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'jsonb' })
  payload!: CustodyEventV1;

  /** Null when no screened offence family is involved (stored, no journey). */
  @Column({ name: 'journey_ref', type: 'text', nullable: true })
  journeyRef!: string | null;

  @Column({ name: 'received_via', type: 'text' })
  receivedVia!: 'http' | 'kafka';

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  /** Set once the journey workflow has been started or signalled for this event. */
  @Column({ name: 'journey_notified_at', type: 'timestamptz', nullable: true })
  journeyNotifiedAt!: Date | null;
}
