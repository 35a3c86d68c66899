import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import type { INestApplication, MiddlewareConsumer, NestModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { CORRELATION_HEADER } from '@easi/contracts';
import { currentCorrelationId } from './correlation';
import { CorrelationMiddleware } from './correlation.middleware';

@Controller('probe')
class ProbeController {
  @Get()
  async probe(): Promise<{ correlationId: string | undefined }> {
    // Crosses a turn of the event loop on purpose (not a wait): the id must survive asynchronous hops.
    await new Promise((resolve) => setImmediate(resolve));
    return { correlationId: currentCorrelationId() };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CorrelationMiddleware).forRoutes(ProbeController);
  }
}

describe('CorrelationMiddleware', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await NestFactory.create(ProbeModule, { logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  it('should keep and echo the caller id when it is a safe token', async () => {
    const res = await request(app.getHttpServer()).get('/probe').set(CORRELATION_HEADER, 'req-42.abc:x_y');
    expect(res.status).toBe(200);
    expect(res.headers[CORRELATION_HEADER]).toBe('req-42.abc:x_y');
    expect(res.body).toEqual({ correlationId: 'req-42.abc:x_y' });
  });

  it('should generate an id when the request has none', async () => {
    const res = await request(app.getHttpServer()).get('/probe');
    const id = res.headers[CORRELATION_HEADER];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body).toEqual({ correlationId: id });
  });

  it('should replace the id when it is unsafe or too long', async () => {
    for (const bad of ['a b', '<script>', 'x'.repeat(129)]) {
      const res = await request(app.getHttpServer()).get('/probe').set(CORRELATION_HEADER, bad);
      expect(res.headers[CORRELATION_HEADER]).not.toBe(bad);
      expect(res.headers[CORRELATION_HEADER]).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('should accept an id of exactly 128 characters when it is otherwise safe', async () => {
    const id = 'a'.repeat(128);
    const res = await request(app.getHttpServer()).get('/probe').set(CORRELATION_HEADER, id);
    expect(res.body).toEqual({ correlationId: id });
  });
});
