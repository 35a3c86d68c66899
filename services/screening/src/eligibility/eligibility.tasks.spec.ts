import type { Provider, Type } from '@nestjs/common';
import { TASKS_OPTIONS, type DecisionContext, type TaskView, type TasksOptions } from '@easi/tasks';
import type { Assessment } from '@easi/screening-rules';
import { eligibleScreeningForm } from '@easi/testing';
import { journeyRefFor } from '../custody-events/journey-ref';
import { EligibilityFactsBody } from './eligibility-facts';
import { screeningTasks } from './eligibility.tasks';
import { withPendingOverride } from './pending-override';
import { PERSON, dashOnRecord, sdashOnRecord } from './risk-fixtures';
import { journeyRisk, type ScreeningRiskService } from './screening-risk.service';

const AREA = 'WMP';
const journeyRef = journeyRefFor(AREA, PERSON);
const task = { taskId: 'a1b2c3d4-0000-4000-8000-000000000001', journeyRef, kind: 'eligibility-screening' } as TaskView;
const highDash = dashOnRecord('9f4e2b10-0000-4000-8000-000000000001', 15, 'high');
const mediumDash = dashOnRecord('9f4e2b10-0000-4000-8000-000000000002', 6, 'medium');

const facts = eligibleScreeningForm(PERSON);

const decisionInput = () => {
  const provider = (screeningTasks.providers ?? []).find(
    (p: Provider): p is { provide: symbol; useValue: TasksOptions } =>
      typeof p === 'object' && 'provide' in p && p.provide === TASKS_OPTIONS,
  );
  const input = provider?.useValue.decisionInputs?.['eligibility-screening'];
  if (!input) throw new Error('no eligibility decision input');
  return input;
};

/** The service's reads answered from the records given: the journey's police area and the person's assessments. */
const context = (assessments: readonly Assessment[], policeArea = AREA): DecisionContext => {
  const risk = {
    riskFor: (f: EligibilityFactsBody, ref: string, by: string) =>
      Promise.resolve(journeyRisk({ facts: f, journeyRef: ref, policeArea, assessments, by })),
  };
  return { by: 'police:pc-42', get: <T>(_type: Type<T>): T => risk as unknown as T & ScreeningRiskService };
};

const decide = async (submitted: Record<string, unknown>, assessments: readonly Assessment[], policeArea?: string): Promise<unknown> => {
  const input = decisionInput();
  const parsed = input.schema.parse(submitted);
  return input.toWorkflow(parsed, task, context(assessments, policeArea));
};

describe('the eligibility task’s decision', () => {
  it('should send the risk level of the DASH on record when the investigator types none', async () => {
    await expect(decide(facts, [highDash, sdashOnRecord('sd-1')])).resolves.toMatchObject({
      outcome: 'ineligible',
      riskLevel: 'high',
      reason: expect.stringContaining(`DASH ${highDash.assessmentId} version 1: high`),
    });
  });

  it('should refuse standard with 422 naming the DASH, its grade and its id when the DASH on record is graded high', async () => {
    await expect(decide({ ...facts, riskLevel: 'standard' }, [highDash, sdashOnRecord('sd-1')])).rejects.toMatchObject({
      status: 422,
      response: {
        error: 'risk-level-below-instruments',
        message: expect.stringContaining(`DASH ${highDash.assessmentId} (version 1) graded high`),
      },
    });
  });

  it('should refuse with 422 and ask for a DASH when none is on record for the person', async () => {
    await expect(decide({ ...facts, riskLevel: 'standard' }, [])).rejects.toMatchObject({
      status: 422,
      response: { error: 'risk-assessment-required', message: expect.stringMatching(/submit a complete DASH/) },
    });
  });

  it('should raise the level on the investigator’s judgement and send it when it is higher and says why', async () => {
    await expect(
      decide({ ...facts, riskLevel: 'high', riskEvidence: 'new threats to kill reported this morning' }, [mediumDash]),
    ).resolves.toMatchObject({ outcome: 'ineligible', riskLevel: 'high' });
  });

  it('should refuse with 422 when the person named is not the journey’s person', async () => {
    await expect(decide({ ...facts, subjectRef: 'P-SOMEONE-ELSE' }, [mediumDash])).rejects.toMatchObject({
      status: 422,
      response: { error: 'not-the-journeys-person' },
    });
    await expect(decide(facts, [mediumDash], 'MPS')).rejects.toMatchObject({ status: 422, response: { error: 'not-the-journeys-person' } });
  });

  it('should send the supervisor’s checked decision unchanged when the override route completes the task', async () => {
    const checked = {
      outcome: 'eligible' as const,
      riskLevel: 'medium' as const,
      reason: 'Supervisor override',
      rulesVersion: 'easi-eligibility-1',
    };
    await expect(withPendingOverride(checked, () => Promise.resolve(decide(facts, [])))).resolves.toBe(checked);
  });
});
