import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CreateTaskInput, InboxQueue, TaskStatus } from '@easi/contracts';
import { HumanTaskEventEntity, type TaskAction } from './entities/human-task-event.entity';
import { HumanTaskEntity } from './entities/human-task.entity';

export type TaskFilter = {
  queues: InboxQueue[];
  status?: TaskStatus[];
  stage?: string;
  riskLevel?: string;
  kind?: string;
  journeyRef?: string;
  assignee?: string;
  dueBefore?: Date;
  createdAfter?: Date;
  limit: number;
  offset: number;
};

export type TaskChange = Partial<
  Pick<
    HumanTaskEntity,
    'status' | 'assignee' | 'queue' | 'decision' | 'reason' | 'completedBy' | 'completedAt' | 'remindedAt' | 'escalatedAt'
  >
>;

@Injectable()
export class TaskRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Inserts the task unless its id exists; true when this call made the row. */
  async insertOnce(manager: EntityManager, input: CreateTaskInput): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(HumanTaskEntity)
      .values({
        id: input.taskId,
        workflowId: input.workflowId,
        journeyRef: input.journeyRef,
        kind: input.kind,
        queue: input.queue,
        stage: input.stage,
        riskLevel: input.riskLevel,
        title: input.title,
        status: 'open',
        assignee: null,
        dueAt: new Date(input.dueAt),
        context: input.context,
      })
      .orIgnore()
      .returning('id')
      .updateEntity(false)
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<HumanTaskEntity | null> {
    return manager.findOneBy(HumanTaskEntity, { id });
  }

  /** Locks the row for the rest of the transaction, so two people cannot act on it at once. */
  findForUpdate(manager: EntityManager, id: string): Promise<HumanTaskEntity | null> {
    return manager.createQueryBuilder(HumanTaskEntity, 't').setLock('pessimistic_write').where('t.id = :id', { id }).getOne();
  }

  /** Applies the change only while the task is in one of `from`; true when a row changed. */
  async changeIf(manager: EntityManager, id: string, from: TaskStatus[], change: TaskChange, extra?: string): Promise<boolean> {
    const query = manager
      .createQueryBuilder()
      .update(HumanTaskEntity)
      .set(change)
      .where('id = :id', { id })
      .andWhere('status IN (:...from)', { from });
    if (extra) query.andWhere(extra);
    const result = await query.execute();
    return (result.affected ?? 0) > 0;
  }

  async addEvent(
    manager: EntityManager,
    taskId: string,
    action: TaskAction,
    by: string,
    reason: string | null,
    detail: Record<string, unknown> | null = null,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(HumanTaskEventEntity)
      .values({ taskId, action, by, reason, detail: () => ':detail' })
      .setParameter('detail', detail === null ? null : JSON.stringify(detail))
      .updateEntity(false)
      .execute();
  }

  events(taskId: string): Promise<HumanTaskEventEntity[]> {
    return this.dataSource.manager.find(HumanTaskEventEntity, { where: { taskId }, order: { id: 'ASC' } });
  }

  async list(filter: TaskFilter): Promise<[HumanTaskEntity[], number]> {
    const q = this.dataSource.manager.createQueryBuilder(HumanTaskEntity, 't').where('t.queue IN (:...queues)', { queues: filter.queues });
    if (filter.status?.length) q.andWhere('t.status IN (:...status)', { status: filter.status });
    if (filter.stage) q.andWhere('t.stage = :stage', { stage: filter.stage });
    if (filter.riskLevel) q.andWhere('t.risk_level = :riskLevel', { riskLevel: filter.riskLevel });
    if (filter.kind) q.andWhere('t.kind = :kind', { kind: filter.kind });
    if (filter.journeyRef) q.andWhere('t.journey_ref = :journeyRef', { journeyRef: filter.journeyRef });
    if (filter.assignee) q.andWhere('t.assignee = :assignee', { assignee: filter.assignee });
    if (filter.dueBefore) q.andWhere('t.due_at < :dueBefore', { dueBefore: filter.dueBefore });
    if (filter.createdAfter) q.andWhere('t.created_at > :createdAfter', { createdAfter: filter.createdAfter });
    return q.orderBy('t.due_at', 'ASC').addOrderBy('t.created_at', 'ASC').take(filter.limit).skip(filter.offset).getManyAndCount();
  }
}
