import { Logger } from '@nestjs/common';
import { TasksModule, type DecisionRecordedHook } from '@easi/tasks';
import { EligibilityFactsBody, screeningDecision } from './eligibility-facts';
import { recordOverrideOnce } from './eligibility-override.repository';
import { overrideRecordingOf } from './override-record';
import { pendingOverride } from './pending-override';
import { ScreeningRiskService } from './screening-risk.service';

const logger = new Logger('EligibilityOverride');

/**
 * A supervisor's override is written with the eligibility decision that carries it, in the
 * transaction that records the decision: by the override route once the journey has accepted it,
 * or by the journey's `confirmDecision` when the service stopped in between. Never lost, never twice.
 */
const recordOverride: DecisionRecordedHook = async (recorded, manager) => {
  const recording = overrideRecordingOf(recorded);
  if (recording.kind === 'record') await recordOverrideOnce(manager, recording.record.row, recording.record.audit);
  if (recording.kind === 'unrecordable')
    logger.warn(`override ${recording.overrideId} on task ${recorded.taskId} not written to eligibility_override: ${recording.why}`);
};

/**
 * The screening service's EASI-team inbox: the journey's screening and eligibility task. The
 * investigator submits facts and names the person; the service works out the risk level from the
 * person's risk assessments on record, applies the eligibility rules and sends their outcome, or,
 * when a supervisor completes it through the override route, the overridden outcome (built there
 * from the same risk level).
 */
export const screeningTasks = TasksModule.forRoot({
  queues: ['easi-team', 'supervisors'],
  access: { agencies: ['police'], roles: ['investigator', 'supervisor', 'tactical-lead'] },
  decisionInputs: {
    'eligibility-screening': {
      schema: EligibilityFactsBody,
      toWorkflow: async (parsed, task, { by, get }) => {
        const pending = pendingOverride();
        if (pending) return pending;
        const facts = parsed as EligibilityFactsBody;
        return screeningDecision(facts, await get(ScreeningRiskService).riskFor(facts, task.journeyRef, by));
      },
    },
  },
  onDecisionRecorded: { 'eligibility-screening': recordOverride },
});
