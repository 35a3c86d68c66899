import { TasksModule } from '@easi/tasks';

/** The psychology service's inbox: psychometrics and session outcomes. */
export const interventionTasks = TasksModule.forRoot({
  queues: ['psychology'],
  access: { agencies: ['psychology'], roles: ['psychologist'] },
});
