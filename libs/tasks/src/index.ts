export { HumanTaskEntity } from './entities/human-task.entity';
export { HumanTaskEventEntity, TASK_ACTIONS, type TaskAction } from './entities/human-task-event.entity';
export { TASK_ENTITIES, createTaskTables, dropTaskTables } from './task-tables';
export { TaskRepository, type TaskFilter } from './task.repository';
export {
  TASKS_OPTIONS,
  TaskService,
  refusalOf,
  type DecisionContext,
  type DecisionInput,
  type DecisionRecordedHook,
  type RecordedDecision,
  type TaskQuery,
  type TasksOptions,
} from './task.service';
/** The inbox's answers are contracts (clients read them too); kept here for the services that import them with the inbox. */
export type { Page, TaskView } from '@easi/contracts';
export { TaskError, toHttp, type TaskErrorCode } from './task.exception';
export { QUEUE_ACCESS, actorOf, actorParts, isSupervisor, mayUseQueue } from './queue-access';
export { createTaskController, type TaskAccess } from './task.controller';
export { TasksModule, taskActivities, type TasksModuleOptions } from './tasks.module';
export { notifyTask, type TaskNotificationType } from './task-notifications';
