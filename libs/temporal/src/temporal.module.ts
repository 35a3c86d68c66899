import { Global, Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { connectTemporalClient, type TemporalConnectionOptions } from './temporal-client';

export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');

@Injectable()
class TemporalClientCloser implements OnApplicationShutdown {
  private readonly logger = new Logger('TemporalClient');
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close().catch((error: unknown) => this.logger.warn(`close failed: ${String(error)}`));
  }
}

/** Provides a Temporal `Client` (token TEMPORAL_CLIENT) connected with settings from config. */
@Global()
@Module({})
export class TemporalClientModule {
  static forRoot(opts: TemporalConnectionOptions): DynamicModule {
    return {
      module: TemporalClientModule,
      providers: [{ provide: TEMPORAL_CLIENT, useFactory: () => connectTemporalClient(opts) }, TemporalClientCloser],
      exports: [TEMPORAL_CLIENT],
    };
  }
}
