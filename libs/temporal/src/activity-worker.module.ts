import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { correlationActivityInterceptor } from './correlation-interceptors';
import { easiDataConverter } from './data-converter';
import type { TemporalConnectionOptions } from './temporal-client';

export type ActivityImplementations = Record<string, (...args: never[]) => Promise<unknown>>;

export type ActivityWorkerOptions = TemporalConnectionOptions & {
  taskQueue: string;
  /** Set false to run the API without polling for activities (e.g. a read-only replica). */
  enabled?: boolean;
  maxConcurrentActivityTaskExecutions?: number;
};

export type ActivityWorkerAsyncOptions = ActivityWorkerOptions & {
  /** Modules exporting the providers named in `inject`. */
  imports?: ModuleMetadata['imports'];
  inject: InjectionToken[];
  /** Builds the activity object from injected providers; method names are the activity types. */
  useFactory: (...deps: never[]) => ActivityImplementations;
};

const WORKER_OPTIONS = Symbol('ACTIVITY_WORKER_OPTIONS');
const WORKER_ACTIVITIES = Symbol('ACTIVITY_WORKER_ACTIVITIES');

/** Runs a service's activity worker for the life of the Nest application. */
@Injectable()
export class ActivityWorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ActivityWorker');
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;
  private failure?: unknown;

  constructor(
    @Inject(WORKER_OPTIONS) private readonly options: ActivityWorkerOptions,
    @Inject(WORKER_ACTIVITIES) private readonly activities: ActivityImplementations,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.enabled === false) return;
    this.connection = await NativeConnection.connect({ address: this.options.address });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.options.namespace,
      taskQueue: this.options.taskQueue,
      activities: this.activities,
      dataConverter: easiDataConverter(this.options.payloadKeys),
      interceptors: { activity: [correlationActivityInterceptor] },
      maxConcurrentActivityTaskExecutions: this.options.maxConcurrentActivityTaskExecutions ?? 50,
    });
    this.running = this.worker.run().catch((error: unknown) => {
      this.failure = error;
      this.logger.error(`activity worker on ${this.options.taskQueue} stopped: ${String(error)}`);
    });
    this.logger.log(`polling task queue ${this.options.taskQueue}`);
  }

  /** Healthy when the worker polls (or is deliberately disabled). */
  isHealthy(): boolean {
    if (this.options.enabled === false) return true;
    return !this.failure && this.worker?.getState() === 'RUNNING';
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    await this.connection?.close();
  }
}

@Module({})
export class ActivityWorkerModule {
  static forRootAsync(opts: ActivityWorkerAsyncOptions): DynamicModule {
    const { imports, inject, useFactory, ...options } = opts;
    return {
      module: ActivityWorkerModule,
      global: true,
      imports: imports ?? [],
      providers: [{ provide: WORKER_OPTIONS, useValue: options }, { provide: WORKER_ACTIVITIES, inject, useFactory }, ActivityWorkerHost],
      exports: [ActivityWorkerHost],
    };
  }
}
