import { Module, type DynamicModule } from '@nestjs/common';
import type { TaskActivities } from '@easi/contracts';
import { createTaskController, type TaskAccess } from './task.controller';
import { TaskRepository } from './task.repository';
import { TASKS_OPTIONS, TaskService, type TasksOptions } from './task.service';

export type TasksModuleOptions = TasksOptions & { access: TaskAccess };

/**
 * A service's human task inbox: `/tasks` REST, the repository over its `human_task` tables and the
 * TaskService whose activity methods (see `taskActivities`) workflows call on the service's queue.
 */
@Module({})
export class TasksModule {
  static forRoot(options: TasksModuleOptions): DynamicModule {
    const { access, ...rest } = options;
    return {
      module: TasksModule,
      controllers: [createTaskController(access)],
      providers: [{ provide: TASKS_OPTIONS, useValue: rest }, TaskRepository, TaskService],
      exports: [TaskService],
    };
  }
}

/** The task activities every service registers on its own activity worker. */
export const taskActivities = (tasks: TaskService): TaskActivities => ({
  createTask: (input) => tasks.createTask(input),
  remindTask: (input) => tasks.remindTask(input),
  escalateTask: (input) => tasks.escalateTask(input),
  cancelTask: (input) => tasks.cancelTask(input),
  confirmDecision: (input) => tasks.confirmDecision(input),
});
