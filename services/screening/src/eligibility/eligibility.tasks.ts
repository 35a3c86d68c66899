import { TasksModule } from '@easi/tasks';
import { EligibilityFactsBody, screeningDecision } from './eligibility-facts';

/**
 * The screening service's EASI-team inbox: the journey's screening and eligibility task. The
 * investigator submits facts; the service applies the eligibility rules and sends their outcome.
 */
export const screeningTasks = TasksModule.forRoot({
  queues: ['easi-team', 'supervisors'],
  access: { agencies: ['police'], roles: ['investigator', 'supervisor', 'tactical-lead'] },
  decisionInputs: {
    'eligibility-screening': { schema: EligibilityFactsBody, toWorkflow: (facts) => screeningDecision(facts as EligibilityFactsBody) },
  },
});
