import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const PROCESSED_MESSAGE_UNIQUE = 'processed_message_group_message_uq';

/** Marks a message as handled by a consumer group; the unique constraint makes handling idempotent. */
@Entity({ name: 'processed_message' })
@Unique(PROCESSED_MESSAGE_UNIQUE, ['consumerGroup', 'messageId'])
export class ProcessedMessageEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'processed_message_pkey' })
  id!: string;

  @Column({ name: 'consumer_group', type: 'varchar', length: 255 })
  consumerGroup!: string;

  @Column({ name: 'message_id', type: 'varchar', length: 255 })
  messageId!: string;

  @Column({ type: 'varchar', length: 249 })
  topic!: string;

  @Column({ type: 'int' })
  partition!: number;

  @Column({ type: 'bigint' })
  offset!: string;

  @Column({ name: 'processed_at', type: 'timestamptz', default: () => 'now()' })
  processedAt!: Date;
}
