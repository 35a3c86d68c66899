import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@easi/persistence';
import { OFFENCE_FAMILY_SEED } from '@easi/screening-rules';

/**
 * Crime reports (every version kept), the parties that link them, offence families as reference
 * data, daily screening runs with their hits, review tasks and decisions, and the audit log.
 */
export class CrimeScreening1764200000000 implements MigrationInterface {
  name = 'CrimeScreening1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const S = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${S}"."crime_report_version" (
        "id" bigserial NOT NULL,
        "report_ref" text NOT NULL,
        "version" integer NOT NULL,
        "change_type" text NOT NULL,
        "police_area" text NOT NULL,
        "recorded_family" text NOT NULL,
        "home_office_code" text,
        "legislation" text,
        "relationship" text NOT NULL,
        "suspects" jsonb NOT NULL,
        "victim_refs" text[] NOT NULL,
        "narrative" text NOT NULL,
        "linked_report_refs" text[] NOT NULL,
        "occurred_at" timestamptz NOT NULL,
        "recorded_at" timestamptz NOT NULL,
        "received_via" text NOT NULL,
        "received_at" timestamptz NOT NULL DEFAULT now(),
        "screening_day" date,
        CONSTRAINT "pk_crime_report_version" PRIMARY KEY ("id"),
        CONSTRAINT "uq_crime_report_version_ref_version" UNIQUE ("report_ref", "version"),
        CONSTRAINT "ck_crime_report_version_received_via" CHECK ("received_via" IN ('http', 'kafka'))
      )`);
    await queryRunner.query(`CREATE INDEX "ix_crime_report_version_day" ON "${S}"."crime_report_version" ("screening_day", "id")`);
    await queryRunner.query(
      `CREATE INDEX "ix_crime_report_version_unscreened" ON "${S}"."crime_report_version" ("recorded_at") WHERE "screening_day" IS NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE "${S}"."crime_report_party" (
        "report_ref" text NOT NULL,
        "version" integer NOT NULL,
        "suspect_ref" text NOT NULL,
        "victim_ref" text NOT NULL,
        "recorded_at" timestamptz NOT NULL,
        CONSTRAINT "pk_crime_report_party" PRIMARY KEY ("report_ref", "version", "suspect_ref", "victim_ref")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_crime_report_party_pair" ON "${S}"."crime_report_party" ("suspect_ref", "victim_ref")`);
    await queryRunner.query(`CREATE INDEX "ix_crime_report_party_victim" ON "${S}"."crime_report_party" ("victim_ref")`);

    await queryRunner.query(`
      CREATE TABLE "${S}"."offence_family" (
        "family" text NOT NULL,
        "label" text NOT NULL,
        "legislation" jsonb NOT NULL,
        "home_office_codes" text[] NOT NULL,
        "code_confidence" text NOT NULL,
        "screened" boolean NOT NULL,
        "note" text,
        "configurable" boolean NOT NULL DEFAULT true,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "updated_by" text NOT NULL DEFAULT 'seed',
        CONSTRAINT "pk_offence_family" PRIMARY KEY ("family"),
        CONSTRAINT "ck_offence_family_code_confidence" CHECK ("code_confidence" IN ('known', 'uncertain'))
      )`);
    for (const f of OFFENCE_FAMILY_SEED) {
      await queryRunner.query(
        `INSERT INTO "${S}"."offence_family" ("family", "label", "legislation", "home_office_codes", "code_confidence", "screened", "note")
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [f.family, f.label, JSON.stringify(f.legislation), f.homeOfficeCodes, f.codeConfidence, f.screened, f.note ?? null],
      );
    }

    await queryRunner.query(`
      CREATE TABLE "${S}"."screening_run" (
        "day" date NOT NULL,
        "cutoff" timestamptz NOT NULL,
        "status" text NOT NULL,
        "workflow_id" text NOT NULL,
        "executions" integer NOT NULL DEFAULT 1,
        "started_at" timestamptz NOT NULL DEFAULT now(),
        "completed_at" timestamptz,
        "reports_total" integer NOT NULL DEFAULT 0,
        "reports_screened" integer NOT NULL DEFAULT 0,
        "custody_total" integer NOT NULL DEFAULT 0,
        "hits" integer NOT NULL DEFAULT 0,
        CONSTRAINT "pk_screening_run" PRIMARY KEY ("day"),
        CONSTRAINT "ck_screening_run_status" CHECK ("status" IN ('running', 'completed'))
      )`);

    await queryRunner.query(`
      CREATE TABLE "${S}"."custody_screening" (
        "event_id" text NOT NULL,
        "screening_day" date NOT NULL,
        CONSTRAINT "pk_custody_screening" PRIMARY KEY ("event_id")
      )`);

    await queryRunner.query(`
      CREATE TABLE "${S}"."screening_hit" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "screening_day" date NOT NULL,
        "source" text NOT NULL,
        "source_ref" text NOT NULL,
        "source_version" integer NOT NULL,
        "police_area" text NOT NULL,
        "recorded_family" text NOT NULL,
        "relationship" text NOT NULL,
        "suspect_refs" text[] NOT NULL,
        "victim_refs" text[] NOT NULL,
        "linked_report_refs" text[] NOT NULL,
        "flags" jsonb NOT NULL,
        "misclassification_confidence" real,
        "suggested_actions" text[] NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_screening_hit" PRIMARY KEY ("id"),
        CONSTRAINT "uq_screening_hit_source" UNIQUE ("source", "source_ref", "source_version"),
        CONSTRAINT "ck_screening_hit_source" CHECK ("source" IN ('crime-report', 'custody-record'))
      )`);
    await queryRunner.query(`CREATE INDEX "ix_screening_hit_day" ON "${S}"."screening_hit" ("screening_day", "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "ix_screening_hit_suspects" ON "${S}"."screening_hit" USING gin ("suspect_refs")`);
    await queryRunner.query(`CREATE INDEX "ix_screening_hit_victims" ON "${S}"."screening_hit" USING gin ("victim_refs")`);

    await queryRunner.query(`
      CREATE TABLE "${S}"."review_task" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "hit_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "queue" text NOT NULL,
        "status" text NOT NULL DEFAULT 'open',
        "outcome" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "completed_at" timestamptz,
        CONSTRAINT "pk_review_task" PRIMARY KEY ("id"),
        CONSTRAINT "uq_review_task_hit" UNIQUE ("hit_id"),
        CONSTRAINT "fk_review_task_hit" FOREIGN KEY ("hit_id") REFERENCES "${S}"."screening_hit" ("id"),
        CONSTRAINT "ck_review_task_status" CHECK ("status" IN ('open', 'completed'))
      )`);
    await queryRunner.query(`CREATE INDEX "ix_review_task_queue" ON "${S}"."review_task" ("queue", "status", "created_at")`);

    await queryRunner.query(`
      CREATE TABLE "${S}"."review_decision" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "task_id" uuid NOT NULL,
        "decision" text NOT NULL,
        "actions_taken" text[] NOT NULL,
        "reclassification_ref" text,
        "reason" text NOT NULL,
        "decided_by" text NOT NULL,
        "decided_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_review_decision" PRIMARY KEY ("id"),
        CONSTRAINT "fk_review_decision_task" FOREIGN KEY ("task_id") REFERENCES "${S}"."review_task" ("id"),
        CONSTRAINT "ck_review_decision_decision" CHECK ("decision" IN ('confirm-misclassification', 'reject-misclassification', 'actions-recorded'))
      )`);
    await queryRunner.query(`CREATE INDEX "ix_review_decision_task" ON "${S}"."review_decision" ("task_id", "decided_at")`);

    await queryRunner.query(`
      CREATE TABLE "${S}"."audit_log" (
        "id" bigserial NOT NULL,
        "at" timestamptz NOT NULL DEFAULT now(),
        "actor" text NOT NULL,
        "agency" text NOT NULL,
        "roles" text[] NOT NULL,
        "action" text NOT NULL,
        "subject_type" text NOT NULL,
        "subject_ref" text NOT NULL,
        "reason" text NOT NULL,
        "correlation_id" text,
        CONSTRAINT "pk_audit_log" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_subject" ON "${S}"."audit_log" ("subject_type", "subject_ref", "at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const S = schemaOf(queryRunner);
    for (const table of [
      'audit_log',
      'review_decision',
      'review_task',
      'screening_hit',
      'custody_screening',
      'screening_run',
      'offence_family',
      'crime_report_party',
      'crime_report_version',
    ]) {
      await queryRunner.query(`DROP TABLE "${S}"."${table}"`);
    }
  }
}
