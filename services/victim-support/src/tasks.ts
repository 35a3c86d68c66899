import { TasksModule } from '@easi/tasks';

/** The victim service's inbox: ISAC contact, safety check-ins, satisfaction questionnaire. */
export const victimSupportTasks = TasksModule.forRoot({
  queues: ['victim-service'],
  access: { agencies: ['victim-service'], roles: ['isac'] },
});
