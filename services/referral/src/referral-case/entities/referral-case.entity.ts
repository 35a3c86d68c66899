import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A police referral case opened for an EASI candidate; one per journey. */
@Entity({ name: 'referral_case' })
@Unique('uq_referral_case_journey_ref', ['journeyRef'])
@Unique('uq_referral_case_case_ref', ['caseRef'])
export class ReferralCaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_ref', type: 'text' })
  caseRef!: string;

  @Column({ name: 'journey_ref', type: 'text' })
  journeyRef!: string;

  @Column({ name: 'person_ref', type: 'text' })
  personRef!: string;

  @Column({ name: 'police_area', type: 'text' })
  policeArea!: string;

  @Column({ name: 'relationship_to_victim', type: 'text' })
  relationshipToVictim!: string;

  @Column({ name: 'victim_refs', type: 'jsonb' })
  victimRefs!: string[];

  @Column({ name: 'source_event_id', type: 'text' })
  sourceEventId!: string;

  @CreateDateColumn({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  /** The journey's outcome, set once at closure; closure never deletes. */
  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ name: 'closure_reason', type: 'text', nullable: true })
  closureReason!: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
