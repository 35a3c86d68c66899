import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A victim to be offered ISAC support, one row per (journey, victim). */
@Entity({ name: 'isac_referral' })
@Unique('uq_isac_referral_journey_victim', ['journeyRef', 'victimRef'])
export class IsacReferralEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'journey_ref', type: 'text' })
  journeyRef!: string;

  @Column({ name: 'victim_ref', type: 'text' })
  victimRef!: string;

  @Column({ name: 'police_case_ref', type: 'text' })
  policeCaseRef!: string;

  @Column({ name: 'police_area', type: 'text' })
  policeArea!: string;

  @Column({ name: 'relationship_to_suspect', type: 'text' })
  relationshipToSuspect!: string;

  @Column({ type: 'text' })
  status!: 'awaiting-contact';

  @Column({ name: 'source_event_id', type: 'text' })
  sourceEventId!: string;

  @Column({ name: 'identified_at', type: 'timestamptz' })
  identifiedAt!: Date;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
