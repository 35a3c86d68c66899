import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const TASK_ACTIONS = ['created', 'claimed', 'released', 'reassigned', 'completed', 'reminded', 'escalated', 'cancelled'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** Who did what to a task, when and why: the attributable record behind every decision. */
@Entity({ name: 'human_task_event' })
@Index('ix_human_task_event_task', ['taskId'])
export class HumanTaskEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @Column({ type: 'text' })
  action!: TaskAction;

  @Column({ type: 'text' })
  by!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  detail!: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'at', type: 'timestamptz' })
  at!: Date;
}
