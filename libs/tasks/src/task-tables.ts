import type { QueryRunner } from 'typeorm';
import { assertSchemaName } from '@easi/persistence';
import { HumanTaskEventEntity } from './entities/human-task-event.entity';
import { HumanTaskEntity } from './entities/human-task.entity';

/** Register these with the service's DataSource alongside its own entities. */
export const TASK_ENTITIES = [HumanTaskEntity, HumanTaskEventEntity];

/** The SQL behind TASK_ENTITIES; a service's migration calls it with its own schema. */
export const createTaskTables = async (queryRunner: QueryRunner, schema: string): Promise<void> => {
  assertSchemaName(schema);
  await queryRunner.query(`
    CREATE TABLE "${schema}"."human_task" (
      "id" uuid NOT NULL,
      "workflow_id" text NOT NULL,
      "journey_ref" text NOT NULL,
      "kind" text NOT NULL,
      "queue" text NOT NULL,
      "stage" text NOT NULL,
      "risk_level" text NOT NULL,
      "title" text NOT NULL,
      "status" text NOT NULL,
      "assignee" text,
      "due_at" timestamptz NOT NULL,
      "context" jsonb NOT NULL,
      "decision" jsonb,
      "reason" text,
      "completed_by" text,
      "completed_at" timestamptz,
      "reminded_at" timestamptz,
      "escalated_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_human_task" PRIMARY KEY ("id"),
      CONSTRAINT "ck_human_task_status" CHECK ("status" IN ('open', 'claimed', 'completed', 'cancelled'))
    )`);
  await queryRunner.query(`CREATE INDEX "ix_human_task_queue_status_due" ON "${schema}"."human_task" ("queue", "status", "due_at")`);
  await queryRunner.query(`CREATE INDEX "ix_human_task_journey_ref" ON "${schema}"."human_task" ("journey_ref")`);
  await queryRunner.query(`
    CREATE TABLE "${schema}"."human_task_event" (
      "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
      "task_id" uuid NOT NULL,
      "action" text NOT NULL,
      "by" text NOT NULL,
      "reason" text,
      "detail" jsonb,
      "at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_human_task_event" PRIMARY KEY ("id"),
      CONSTRAINT "fk_human_task_event_task" FOREIGN KEY ("task_id") REFERENCES "${schema}"."human_task" ("id")
    )`);
  await queryRunner.query(`CREATE INDEX "ix_human_task_event_task" ON "${schema}"."human_task_event" ("task_id")`);
};

export const dropTaskTables = async (queryRunner: QueryRunner, schema: string): Promise<void> => {
  assertSchemaName(schema);
  await queryRunner.query(`DROP TABLE IF EXISTS "${schema}"."human_task_event"`);
  await queryRunner.query(`DROP TABLE IF EXISTS "${schema}"."human_task"`);
};
