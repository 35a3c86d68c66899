import { TasksModule } from '@easi/tasks';
import { EligibilityFactsBody, screeningDecision } from './eligibility-facts';
import { pendingOverride } from './pending-override';

/**
 * The screening service's EASI-team inbox: the journey's screening and eligibility task. The
 * investigator submits facts; the service applies the eligibility rules and sends their outcome,
 * or, when a supervisor completes it through the override route, the overridden outcome.
 */
export const screeningTasks = TasksModule.forRoot({
  queues: ['easi-team', 'supervisors'],
  access: { agencies: ['police'], roles: ['investigator', 'supervisor', 'tactical-lead'] },
  decisionInputs: {
    'eligibility-screening': { schema: EligibilityFactsBody, toWorkflow: (facts) => pendingOverride() ?? screeningDecision(facts as EligibilityFactsBody) },
  },
});
