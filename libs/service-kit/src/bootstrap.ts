import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { CorrelationMiddleware, NestPinoLogger, createLogger, type Logger } from '@easi/logging';

export type ServiceBootstrapOptions = {
  name: string;
  description: string;
  port: number;
  logLevel: string;
  /** Bind address; 0.0.0.0 in containers. */
  host?: string;
};

export type RunningService = { app: INestApplication; url: string; logger: Logger };

/** Adds what every EASI API has: JSON logs with correlation ids, OpenAPI at /docs, shutdown hooks. */
export const configureServiceApp = (app: INestApplication, opts: Omit<ServiceBootstrapOptions, 'port'>): void => {
  const middleware = new CorrelationMiddleware();
  app.use(middleware.use.bind(middleware));
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`EASI ${opts.name} service`)
      .setDescription(opts.description)
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
};

export const startService = async (
  module: Parameters<typeof NestFactory.create>[0],
  opts: ServiceBootstrapOptions,
): Promise<RunningService> => {
  const logger = createLogger(opts.name, opts.logLevel);
  const app = await NestFactory.create(module, { logger: new NestPinoLogger(logger), bufferLogs: true });
  configureServiceApp(app, opts);
  await app.listen(opts.port, opts.host ?? '127.0.0.1');
  const url = `http://${opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1'}:${opts.port}`;
  logger.info({ url, docs: `${url}/docs` }, `${opts.name} service listening`);
  return { app, url, logger };
};
