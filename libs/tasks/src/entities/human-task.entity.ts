import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { InboxQueue, TaskKind, TaskStatus } from '@easi/contracts';

/** A task in a service's inbox: a person's decision a workflow is waiting for. */
@Entity({ name: 'human_task' })
@Index('ix_human_task_queue_status_due', ['queue', 'status', 'dueAt'])
@Index('ix_human_task_journey_ref', ['journeyRef'])
export class HumanTaskEntity {
  /** Chosen by the workflow, so a retried createTask activity finds the same row. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ name: 'journey_ref', type: 'text' })
  journeyRef!: string;

  @Column({ type: 'text' })
  kind!: TaskKind;

  @Column({ type: 'text' })
  queue!: InboxQueue;

  @Column({ type: 'text' })
  stage!: string;

  @Column({ name: 'risk_level', type: 'text' })
  riskLevel!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  status!: TaskStatus;

  @Column({ type: 'text', nullable: true })
  assignee!: string | null;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'jsonb' })
  context!: Record<string, string | number | boolean>;

  @Column({ type: 'jsonb', nullable: true })
  decision!: unknown;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'completed_by', type: 'text', nullable: true })
  completedBy!: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt!: Date | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
