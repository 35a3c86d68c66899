import {
  Inject,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
  UnprocessableEntityException,
  type HttpException,
} from '@nestjs/common';
import { WorkflowNotFoundError, type Client, type WorkflowExecutionDescription } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_KEYS, journeyWorkflowId } from '@easi/contracts';
import { ScreeningRiskError, screeningRisk, type Assessment, type ScreeningRisk } from '@easi/screening-rules';
import { TEMPORAL_CLIENT } from '@easi/temporal';
import { AssessmentRepository } from '../assessments/assessment.repository';
import { journeyRefFor } from '../custody-events/journey-ref';
import type { EligibilityFactsBody } from './eligibility-facts';

export type ScreeningRiskRefusal = ScreeningRiskError['code'] | 'not-the-journeys-person';

/** Every refusal is 422: a well-formed request that the records do not support. */
export const riskRefusal = (code: ScreeningRiskRefusal, message: string): HttpException =>
  new UnprocessableEntityException({ statusCode: 422, error: code, message });

/**
 * A journey's reference is a hash of its police area and the person (journeyRefFor), so the person
 * named on the eligibility form can be checked against the journey without the journey carrying the
 * person's reference: another person's DASH can never set this journey's risk level.
 */
export const isPersonOfJourney = (policeArea: string | undefined, subjectRef: string, journeyRef: string): boolean =>
  policeArea !== undefined && journeyRefFor(policeArea, subjectRef) === journeyRef;

export type JourneyRiskInput = {
  facts: EligibilityFactsBody;
  journeyRef: string;
  policeArea: string | undefined;
  assessments: readonly Assessment[];
  by: string;
};

/**
 * The risk level for this journey's screening from what the service read: the person named must be
 * the journey's, and the level comes from their assessments (screeningRisk). Refusals are 422.
 */
export const journeyRisk = ({ facts, journeyRef, policeArea, assessments, by }: JourneyRiskInput): ScreeningRisk => {
  if (!isPersonOfJourney(policeArea, facts.subjectRef, journeyRef)) {
    throw riskRefusal(
      'not-the-journeys-person',
      `subjectRef ${facts.subjectRef} is not the person journey ${journeyRef} screens: give the person reference of the custody record or crime report (the one their DASH is filed under).`,
    );
  }
  try {
    return screeningRisk(facts.subjectRef, assessments, {
      ...(facts.riskLevel ? { level: facts.riskLevel } : {}),
      ...(facts.riskEvidence ? { reason: facts.riskEvidence } : {}),
      by,
    });
  } catch (error) {
    throw error instanceof ScreeningRiskError ? riskRefusal(error.code, error.message) : error;
  }
};

/**
 * The journey's risk level at screening, from the person's risk assessments on record (newest
 * versions), for the eligibility decision on either path: the investigator's completion of the task
 * and a supervisor's override.
 */
@Injectable()
export class ScreeningRiskService {
  constructor(
    private readonly assessments: AssessmentRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  async riskFor(facts: EligibilityFactsBody, journeyRef: string, by: string): Promise<ScreeningRisk> {
    // The journey's police area (a search attribute, no personal data) lets the person be checked against its reference.
    const description = await this.describeJourney(journeyRef);
    const policeArea = description.typedSearchAttributes.get(SEARCH_ATTRIBUTE_KEYS.policeArea);
    const assessments = policeArea === undefined ? [] : await this.assessments.ofSubject(facts.subjectRef);
    return journeyRisk({ facts, journeyRef, policeArea, assessments, by });
  }

  /** The journey as Temporal holds it: 404 when there is none, 503 when Temporal cannot be asked (the task stays open). */
  private async describeJourney(journeyRef: string): Promise<WorkflowExecutionDescription> {
    try {
      return await this.temporal.workflow.getHandle(journeyWorkflowId(journeyRef)).describe();
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw new NotFoundException(`journey ${journeyRef} not found`);
      throw new ServiceUnavailableException(
        `cannot reach Temporal to check journey ${journeyRef} (${error instanceof Error ? error.message : String(error)}); nothing was recorded, try again`,
      );
    }
  }
}
