import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import { loadConfig, serviceConfigSchema, type ServiceConfig } from '@easi/config';
import { startService } from './bootstrap';

/** Entry point body for a service's `src/main.ts`: config validated at boot, then the Nest app. */
export const runServiceMain = (
  service: { name: string; description: string; defaultPort: number },
  appModule: (config: ServiceConfig) => DynamicModule,
): void => {
  let config: ServiceConfig;
  try {
    config = loadConfig(serviceConfigSchema(service.defaultPort));
  } catch (error) {
    process.stderr.write(`${service.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  startService(appModule(config), {
    name: service.name,
    description: service.description,
    port: config.HTTP_PORT,
    logLevel: config.LOG_LEVEL,
    host: config.HTTP_HOST,
  }).catch((error: unknown) => {
    process.stderr.write(`${service.name} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
};
