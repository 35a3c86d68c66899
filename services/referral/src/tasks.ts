import { TasksModule } from '@easi/tasks';

/** The police inboxes held by the referral service: EASI team, triage clinic, supervisors. */
export const referralTasks = TasksModule.forRoot({
  queues: ['easi-team', 'triage-clinic', 'supervisors'],
  access: { agencies: ['police', 'triage-clinic'], roles: ['investigator', 'supervisor', 'tactical-lead', 'clinic-member'] },
});
