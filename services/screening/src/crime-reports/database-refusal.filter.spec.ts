import 'reflect-metadata';
import { Controller, Get, type INestApplication, Module, NotFoundException, UseFilters } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { databaseEnv, loadConfig } from '@easi/config';
import { createDataSource } from '@easi/persistence';
import { DatabaseRefusalFilter } from './database-refusal.filter';

jest.setTimeout(30_000);

const { DATABASE_URL } = loadConfig(databaseEnv);
let dataSource: DataSource;

/** Routes that fail the ways an ingestion route can, with errors raised by the real database. */
@Controller('probe')
@UseFilters(DatabaseRefusalFilter)
class ProbeController {
  @Get('out-of-range')
  async outOfRange(): Promise<unknown> {
    return dataSource.query('SELECT $1::integer AS n', ['3000000000']);
  }

  @Get('nul')
  async nul(): Promise<unknown> {
    return dataSource.query('SELECT $1::text AS t', ['private words\u0000more']);
  }

  @Get('unique')
  async unique(): Promise<unknown> {
    return dataSource.transaction(async (manager) => {
      await manager.query('CREATE TEMP TABLE probe_unique (id int PRIMARY KEY) ON COMMIT DROP');
      return manager.query('INSERT INTO probe_unique VALUES (1), (1)');
    });
  }

  @Get('missing')
  missing(): never {
    throw new NotFoundException('no such thing');
  }

  @Get('broken')
  broken(): never {
    throw new Error('something else went wrong');
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('DatabaseRefusalFilter (real Postgres)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    dataSource = await createDataSource({ url: DATABASE_URL, schema: 'public', entities: [], migrations: [], poolSize: 2 }).initialize();
    app = await NestFactory.create(ProbeModule, { logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    await dataSource.destroy();
  });

  it('should answer 422 with the SQLSTATE and no payload text when Postgres refuses a value as data', async () => {
    const res = await request(app.getHttpServer()).get('/probe/out-of-range');
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'the database cannot store this request: correct the data and send it again',
      issues: ['SQLSTATE 22003 value "…" is out of range for type integer'],
    });
    const nul = await request(app.getHttpServer()).get('/probe/nul');
    expect(nul.status).toBe(422);
    expect(nul.body.issues).toEqual([expect.stringMatching(/^SQLSTATE 22021 invalid byte sequence for encoding "UTF8": 0x00/)]);
    expect(JSON.stringify(nul.body)).not.toContain('private words');
  });

  it('should leave a unique violation, an HTTP error and any other error to Nest when they are not refused data', async () => {
    expect((await request(app.getHttpServer()).get('/probe/unique')).status).toBe(500);
    const missing = await request(app.getHttpServer()).get('/probe/missing');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('no such thing');
    const broken = await request(app.getHttpServer()).get('/probe/broken');
    expect(broken.status).toBe(500);
    expect(broken.body).toEqual({ statusCode: 500, message: 'Internal server error' });
  });
});
