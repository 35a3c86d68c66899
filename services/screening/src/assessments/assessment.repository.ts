import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Assessment } from '@easi/screening-rules';

/** Assessment versions, append-only: (assessment id, version) is never written twice. */
@Injectable()
export class AssessmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** False when that version already exists (a concurrent correction got there first). */
  async insert(assessment: Assessment, recordedBy: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `INSERT INTO assessment_version (assessment_id, version, instrument, definition_version, subject_ref, assessor, assessed_at, document, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT ON CONSTRAINT pk_assessment_version DO NOTHING RETURNING version`,
      [
        assessment.assessmentId,
        assessment.version,
        assessment.instrument,
        assessment.definitionVersion,
        assessment.subjectRef,
        assessment.assessor,
        assessment.assessedAt,
        JSON.stringify(assessment),
        recordedBy,
      ],
    )) as unknown[];
    return rows.length > 0;
  }

  async versions(assessmentId: string): Promise<Assessment[]> {
    const rows = (await this.dataSource.query(`SELECT document FROM assessment_version WHERE assessment_id = $1 ORDER BY version DESC`, [
      assessmentId,
    ])) as { document: Assessment }[];
    return rows.map((r) => r.document);
  }

  async ofSubject(subjectRef: string): Promise<Assessment[]> {
    const rows = (await this.dataSource.query(
      `SELECT document FROM assessment_version WHERE subject_ref = $1 ORDER BY assessed_at DESC, assessment_id, version DESC`,
      [subjectRef],
    )) as {
      document: Assessment;
    }[];
    return rows.map((r) => r.document);
  }
}
