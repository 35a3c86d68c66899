import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { databaseEnv, kafkaEnv, loadConfig } from '@easi/config';
import type { CreateTaskInput } from '@easi/contracts';
import { createKafka, createMessagingTables, MESSAGING_ENTITIES } from '@easi/messaging';
import { createDataSource, runMigrations, schemaOf } from '@easi/persistence';
import { OutboxRelayHost } from '@easi/service-kit';
import { createTaskTables, TASK_ENTITIES } from './task-tables';
import { TaskRepository } from './task.repository';
import { TaskService, type DecisionRecordedHook, type RecordedDecision, type TasksOptions } from './task.service';

const { DATABASE_URL } = loadConfig(databaseEnv);
const { KAFKA_BROKERS } = loadConfig(kafkaEnv);

class HookTables1764000000001 implements MigrationInterface {
  name = 'HookTables1764000000001';
  async up(queryRunner: QueryRunner): Promise<void> {
    await createMessagingTables(queryRunner, schemaOf(queryRunner));
    await createTaskTables(queryRunner, schemaOf(queryRunner));
  }
  async down(): Promise<void> {}
}

/**
 * The per-kind `onDecisionRecorded` hook on real Postgres: once per task on whichever path records
 * the decision, in the same transaction (a throw leaves the task open, nothing recorded). The
 * workflow side is not needed here: `confirmDecision` is the activity a journey runs after its
 * Update accepted a decision; the REST path is covered end to end in the e2e suites.
 */
describe('TaskService onDecisionRecorded (real Postgres)', () => {
  const schema = `tasks_hook_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;
  let connection: Connection;
  let relay: OutboxRelayHost;
  const seen: RecordedDecision[] = [];
  let failNext = false;

  const hook: DecisionRecordedHook = async (recorded, manager) => {
    // Written through the recording's own transaction: rolled back with it.
    await manager.query(`INSERT INTO hook_note (task_id, via) VALUES ($1, $2)`, [recorded.taskId, recorded.via]);
    if (failNext) {
      failNext = false;
      throw new Error('the service could not record what goes with the decision');
    }
    seen.push(recorded);
  };

  const serviceWith = (onDecisionRecorded: TasksOptions['onDecisionRecorded']): TaskService =>
    new TaskService(
      new TaskRepository(dataSource),
      new Client({ connection }),
      { queues: ['easi-team', 'supervisors'], ...(onDecisionRecorded ? { onDecisionRecorded } : {}) },
      relay,
    );

  const newTask = (kind: CreateTaskInput['kind']): CreateTaskInput => ({
    taskId: randomUUID(),
    workflowId: `journey-test-${randomUUID()}`,
    journeyRef: `JR-${randomUUID().slice(0, 8)}`,
    kind,
    queue: 'easi-team',
    stage: 'screening',
    riskLevel: 'standard',
    title: 'Decide eligibility',
    dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    context: {},
  });

  const statusOf = async (taskId: string): Promise<string> =>
    ((await dataSource.query(`SELECT status FROM human_task WHERE id = $1`, [taskId])) as { status: string }[])[0]!.status;
  const notes = async (taskId: string): Promise<string[]> =>
    ((await dataSource.query(`SELECT via FROM hook_note WHERE task_id = $1`, [taskId])) as { via: string }[]).map((r) => r.via);

  beforeAll(async () => {
    dataSource = await createDataSource({
      url: DATABASE_URL,
      schema,
      entities: [...TASK_ENTITIES, ...MESSAGING_ENTITIES],
      migrations: [HookTables1764000000001],
      poolSize: 4,
    }).initialize();
    await runMigrations(dataSource);
    await dataSource.query(`CREATE TABLE hook_note (task_id uuid NOT NULL, via text NOT NULL)`);
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
    // Never started: the outbox rows the inbox writes stay in this schema, which is dropped after.
    relay = new OutboxRelayHost(dataSource, createKafka({ clientId: 'tasks-hook-spec', brokers: KAFKA_BROKERS }));
  });

  afterAll(async () => {
    await connection?.close();
    await dataSource?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await dataSource?.destroy();
  });

  it("should run the kind's hook once, in the recording transaction, when the same decision is confirmed twice", async () => {
    const service = serviceWith({ 'eligibility-screening': hook });
    const task = newTask('eligibility-screening');
    await service.createTask(task);
    const decision = { taskId: task.taskId, decision: { outcome: 'eligible' }, by: 'police:sup-1', reason: 'rules met' };

    expect(await service.confirmDecision(decision)).toEqual({ recorded: true });
    expect(await service.confirmDecision(decision)).toEqual({ recorded: false });

    expect(await statusOf(task.taskId)).toBe('completed');
    expect(await notes(task.taskId)).toEqual(['confirm-decision']);
    expect(seen.filter((r) => r.taskId === task.taskId)).toEqual([
      {
        taskId: task.taskId,
        workflowId: task.workflowId,
        journeyRef: task.journeyRef,
        kind: 'eligibility-screening',
        decision: { outcome: 'eligible' },
        by: 'police:sup-1',
        reason: 'rules met',
        via: 'confirm-decision',
      },
    ]);
  });

  it('should leave the task open with nothing recorded when the hook throws, and record it all on the retry', async () => {
    const service = serviceWith({ 'eligibility-screening': hook });
    const task = newTask('eligibility-screening');
    await service.createTask(task);
    const decision = { taskId: task.taskId, decision: { outcome: 'ineligible' }, by: 'police:sup-2', reason: 'adult criterion not met' };

    failNext = true;
    await expect(service.confirmDecision(decision)).rejects.toThrow(/could not record/);
    expect(await statusOf(task.taskId)).toBe('open');
    expect(await notes(task.taskId)).toEqual([]);
    const events = (await dataSource.query(`SELECT action FROM human_task_event WHERE task_id = $1 ORDER BY id`, [task.taskId])) as {
      action: string;
    }[];
    expect(events.map((e) => e.action)).toEqual(['created']);

    expect(await service.confirmDecision(decision)).toEqual({ recorded: true });
    expect(await statusOf(task.taskId)).toBe('completed');
    expect(await notes(task.taskId)).toEqual(['confirm-decision']);
  });

  it('should not run a hook for another kind of task', async () => {
    const service = serviceWith({ 'eligibility-screening': hook });
    const task = newTask('triage-decision');
    await service.createTask(task);
    expect(
      await service.confirmDecision({ taskId: task.taskId, decision: { outcome: 'done' }, by: 'police:inv-1', reason: 'reviewed' }),
    ).toEqual({ recorded: true });
    expect(await notes(task.taskId)).toEqual([]);
  });
});
