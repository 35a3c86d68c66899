import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { IsoDateTime, PseudoRef } from '@easi/contracts';
import { CurrentUser, RequireAgency, RequireRole, type AuthenticatedUser } from '@easi/auth';
import { ZodValidationPipe } from '@easi/service-kit';
import type { Assessment, InstrumentDefinition } from '@easi/screening-rules';
import { ACCESS_REASON_HEADER, AuditService } from '../audit/audit.service';
import { AssessmentService, RISK_INSTRUMENTS, type SubjectAssessments } from './assessment.service';

const AnswerValue = z.union([z.enum(['yes', 'no', 'not-known']), z.number(), z.string().max(200), z.null()]);
const Answers = z.record(z.string().max(64), AnswerValue);
const Grade = z.enum(['standard', 'medium', 'high']);
const Entries = z
  .object({
    professionalJudgement: z.object({ grade: Grade, reason: z.string().trim().min(1).max(2000) }).optional(),
    concernLevel: z.enum(['low', 'moderate', 'high']).optional(),
    exPartnerCase: z.boolean().optional(),
    riskGrade: Grade.optional(),
  })
  .strict();
const NewAssessmentSchema = z
  .object({
    instrument: z.enum(RISK_INSTRUMENTS as ['dash', 's-dash', 'sash', 'sai', 'dara']),
    definitionVersion: z.string().max(64).optional(),
    subjectRef: PseudoRef,
    assessedAt: IsoDateTime.optional(),
    phase: z.enum(['pre', 'post', 'follow-up', 'screening']).optional(),
    answers: Answers,
    entries: Entries.optional(),
  })
  .strict();
type NewAssessmentBody = z.infer<typeof NewAssessmentSchema>;
const CorrectionSchema = z
  .object({
    answers: Answers.default({}),
    entries: Entries.optional(),
    reason: z.string().trim().min(1, 'a correction needs a reason').max(2000),
  })
  .strict();
type CorrectionBody = z.infer<typeof CorrectionSchema>;

@ApiTags('risk assessments')
@Controller()
@RequireAgency('police')
export class AssessmentController {
  constructor(
    private readonly service: AssessmentService,
    private readonly audit: AuditService,
  ) {}

  @Get('instruments')
  @RequireRole('investigator', 'supervisor', 'tactical-lead')
  @ApiOperation({
    summary: 'Versioned definitions of the risk instruments (DASH, S-DASH, SASH, SAI, DARA): items, scales, scoring and missing-data rules',
  })
  definitions(): InstrumentDefinition[] {
    return this.service.definitions();
  }

  @Post('assessments')
  @RequireRole('investigator', 'supervisor')
  @ApiOperation({ summary: 'Submit an assessment: raw answers kept, totals and grade computed by the instrument version' })
  @ApiBody({ schema: z.toJSONSchema(NewAssessmentSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown> })
  async submit(
    @Body(new ZodValidationPipe(NewAssessmentSchema, 'assessment')) body: NewAssessmentBody,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Assessment> {
    const assessment = await this.service.submit(
      {
        instrument: body.instrument,
        subjectRef: body.subjectRef,
        answers: body.answers,
        ...(body.definitionVersion ? { definitionVersion: body.definitionVersion } : {}),
        ...(body.assessedAt ? { assessedAt: body.assessedAt } : {}),
        ...(body.phase ? { phase: body.phase } : {}),
        ...(body.entries ? { entries: body.entries } : {}),
      },
      user.subject,
    );
    await this.audit.record(
      user,
      { action: `submit-assessment:${body.instrument}`, subjectType: 'person', subjectRef: body.subjectRef },
      { purpose: 'risk assessment' },
    );
    return assessment;
  }

  @Post('assessments/:assessmentId/corrections')
  @RequireRole('investigator', 'supervisor')
  @ApiOperation({ summary: 'Correct an assessment: a new version with the reason; the earlier version is kept unchanged' })
  @ApiBody({ schema: z.toJSONSchema(CorrectionSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown> })
  async correct(
    @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string,
    @Body(new ZodValidationPipe(CorrectionSchema, 'correction')) body: CorrectionBody,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Assessment> {
    const next = await this.service.correct(
      assessmentId,
      { answers: body.answers, reason: body.reason, ...(body.entries ? { entries: body.entries } : {}) },
      user.subject,
    );
    await this.audit.record(
      user,
      { action: 'correct-assessment', subjectType: 'assessment', subjectRef: assessmentId, personRefs: [next.subjectRef] },
      { purpose: body.reason },
    );
    return next;
  }

  @Get('assessments/:assessmentId')
  @RequireRole('investigator', 'supervisor', 'tactical-lead')
  @ApiOperation({ summary: 'Every version of an assessment, newest first (audited)' })
  @ApiHeader({ name: ACCESS_REASON_HEADER, required: false })
  async versions(
    @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Headers(ACCESS_REASON_HEADER) reason?: string,
  ): Promise<Assessment[]> {
    const versions = await this.service.versions(assessmentId);
    // Audited against the assessment and the person it is about, so the read is on their access log.
    await this.audit.record(
      user,
      { action: 'read-assessment', subjectType: 'assessment', subjectRef: assessmentId, personRefs: versions.map((v) => v.subjectRef) },
      { header: reason, purpose: 'risk assessment review' },
    );
    return versions;
  }

  @Get('people/:subjectRef/assessments')
  @RequireRole('investigator', 'supervisor', 'tactical-lead')
  @ApiOperation({ summary: "A person's assessments (current versions and history) and the journey's risk level from them (audited)" })
  @ApiHeader({ name: ACCESS_REASON_HEADER, required: false })
  async ofSubject(
    @Param('subjectRef', new ZodValidationPipe(PseudoRef, 'subjectRef')) subjectRef: string,
    @CurrentUser() user: AuthenticatedUser,
    @Headers(ACCESS_REASON_HEADER) reason?: string,
  ): Promise<SubjectAssessments> {
    await this.audit.record(
      user,
      { action: 'read-person-assessments', subjectType: 'person', subjectRef },
      { header: reason, purpose: 'risk assessment review' },
    );
    return this.service.ofSubject(subjectRef);
  }
}
