import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException, type HttpException } from '@nestjs/common';
import {
  AssessmentError,
  INSTRUMENT_DEFINITIONS,
  correctAssessment,
  latestVersions,
  missingFromRecord,
  riskLevelFrom,
  submitAssessment,
  type Answers,
  type Assessment,
  type AssessmentPhase,
  type InstrumentDefinition,
  type InstrumentKind,
  type RaterEntries,
  type RiskLevelResult,
} from '@easi/screening-rules';
import { AssessmentRepository } from './assessment.repository';

/** The police risk tools held by screening; psychometrics belong to the psychology service. */
export const RISK_INSTRUMENTS: readonly InstrumentKind[] = ['dash', 's-dash', 'sash', 'sai', 'dara'];

export type NewAssessment = {
  instrument: InstrumentKind;
  definitionVersion?: string;
  subjectRef: string;
  assessedAt?: string;
  phase?: AssessmentPhase;
  answers: Answers;
  entries?: RaterEntries;
};

export type AssessmentCorrection = { answers: Answers; entries?: RaterEntries; reason: string };

/** A current version recorded with blanks or without its judgement (before every answer was required): it cannot set a risk level until corrected. */
export type NeedsCorrection = { assessmentId: string; version: number; instrument: Assessment['instrument']; missing: string[] };

export type SubjectAssessments = {
  subjectRef: string;
  riskLevel: RiskLevelResult;
  current: Assessment[];
  history: Assessment[];
  needsCorrection: NeedsCorrection[];
};

const toHttp = (error: AssessmentError): HttpException => {
  const body = { code: error.code, message: error.message, issues: error.issues.map((i) => `${i.item}: ${i.message}`) };
  switch (error.code) {
    case 'invalid-answers':
    case 'unanswered-items':
    case 'missing-entry':
    case 'reason-required':
    case 'unknown-definition':
      return new UnprocessableEntityException(body);
    case 'no-change':
      return new ConflictException(body);
  }
};

const rethrow = (error: unknown): never => {
  throw error instanceof AssessmentError ? toHttp(error) : error;
};

/** The newest shipped definition version of an instrument (the last one listed). */
const definitionFor = (instrument: InstrumentKind, version?: string): InstrumentDefinition => {
  const candidates = INSTRUMENT_DEFINITIONS.filter((d) => d.instrument === instrument && (version === undefined || d.version === version));
  const definition = candidates[candidates.length - 1];
  if (!definition || !RISK_INSTRUMENTS.includes(instrument)) {
    throw new UnprocessableEntityException({
      code: 'unknown-definition',
      message: `no ${instrument} definition${version ? ` version ${version}` : ''} held by screening`,
    });
  }
  return definition;
};

/**
 * Risk assessments: raw answers kept, totals computed by the instrument version's rules, never
 * changed once submitted (a correction is the next version with its reason).
 */
@Injectable()
export class AssessmentService {
  constructor(private readonly assessments: AssessmentRepository) {}

  definitions(): InstrumentDefinition[] {
    return INSTRUMENT_DEFINITIONS.filter((d) => RISK_INSTRUMENTS.includes(d.instrument));
  }

  async submit(input: NewAssessment, assessor: string): Promise<Assessment> {
    const definition = definitionFor(input.instrument, input.definitionVersion);
    let assessment: Assessment;
    try {
      assessment = submitAssessment({
        assessmentId: randomUUID(),
        subjectRef: input.subjectRef,
        assessor,
        assessedAt: input.assessedAt ?? new Date().toISOString(),
        ...(input.phase ? { phase: input.phase } : {}),
        definition,
        answers: input.answers,
        ...(input.entries ? { entries: input.entries } : {}),
      });
    } catch (error) {
      return rethrow(error);
    }
    await this.assessments.insert(assessment, assessor);
    return assessment;
  }

  async correct(assessmentId: string, correction: AssessmentCorrection, by: string): Promise<Assessment> {
    const [latest] = await this.assessments.versions(assessmentId);
    if (!latest) throw new NotFoundException(`no assessment ${assessmentId}`);
    let next: Assessment;
    try {
      next = correctAssessment(latest, correction.answers, correction.reason, {
        correctedBy: by,
        correctedAt: new Date().toISOString(),
        ...(correction.entries ? { entries: correction.entries } : {}),
      });
    } catch (error) {
      return rethrow(error);
    }
    if (!(await this.assessments.insert(next, by)))
      throw new ConflictException({
        code: 'stale-version',
        message: `version ${next.version} was recorded meanwhile; correct the newest version`,
      });
    return next;
  }

  async versions(assessmentId: string): Promise<Assessment[]> {
    const versions = await this.assessments.versions(assessmentId);
    if (versions.length === 0) throw new NotFoundException(`no assessment ${assessmentId}`);
    return versions;
  }

  async ofSubject(subjectRef: string): Promise<SubjectAssessments> {
    const history = await this.assessments.ofSubject(subjectRef);
    const current = latestVersions(history);
    const needsCorrection = current
      .map((a) => ({
        assessmentId: a.assessmentId,
        version: a.version,
        instrument: a.instrument,
        missing: missingFromRecord(a).map((m) => m.item),
      }))
      .filter((a) => a.missing.length > 0);
    return { subjectRef, riskLevel: riskLevelFrom(history), current, history, needsCorrection };
  }
}
