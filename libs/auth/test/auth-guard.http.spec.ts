import 'reflect-metadata';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { generateKeyPair, SignJWT } from 'jose';
import request from 'supertest';
import { AuthModule, CurrentUser, mintDevToken, Public, RequireAgency, RequireRole, type AuthenticatedUser } from '../src';
import { loadOrCreateDevSigningKey } from '../src/dev-issuer/dev-signing-key';
import { startDevIssuerFixture, TEST_AUDIENCE, TEST_ISSUER, type DevIssuerFixture } from './dev-issuer-fixture';

@Controller()
class OpenController {
  @Public()
  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }

  @Get('me')
  me(@CurrentUser() user: AuthenticatedUser): AuthenticatedUser {
    return user;
  }
}

@RequireAgency('police')
@Controller('screening')
class PoliceController {
  @Get('list')
  list(): string[] {
    return ['case-1'];
  }

  @RequireRole('supervisor', 'tactical-lead')
  @Get('decisions')
  decisions(@CurrentUser() user: AuthenticatedUser): { decidedBy: string } {
    return { decidedBy: user.subject };
  }

  @RequireAgency('police', 'triage-clinic')
  @Get('clinic-list')
  clinicList(): string[] {
    return ['case-2'];
  }
}

describe('AuthModule guard over real HTTP', () => {
  let fixture: DevIssuerFixture;
  let app: INestApplication;

  const token = (agency: Parameters<typeof mintDevToken>[0]['agency'], roles: Parameters<typeof mintDevToken>[0]['roles']) =>
    mintDevToken({ agency, roles, subject: `staff-${agency}` }, fixture.mintOptions);

  beforeAll(async () => {
    fixture = await startDevIssuerFixture();
    @Module({ imports: [AuthModule.forRoot(fixture.authOptions)], controllers: [OpenController, PoliceController] })
    class TestAppModule {}
    app = await NestFactory.create(TestAppModule, { logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    await fixture.stop();
  });

  it('should answer a @Public route when no token is sent', async () => {
    await request(app.getHttpServer()).get('/health').expect(200, { status: 'ok' });
  });

  it('should answer 401 with WWW-Authenticate when no token is sent', async () => {
    const response = await request(app.getHttpServer()).get('/me').expect(401);
    expect(response.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'missing Authorization: Bearer <token> header' });
    expect(response.headers['www-authenticate']).toBe('Bearer realm="easi"');
  });

  it('should answer 401 when the scheme is not Bearer', async () => {
    const response = await request(app.getHttpServer()).get('/me').set('Authorization', 'Basic dXNlcjpwYXNz').expect(401);
    expect(response.body.message).toBe('Authorization header must be "Bearer <token>"');
  });

  it('should answer 401 naming the reason when the signature is bad', async () => {
    const { kid } = await loadOrCreateDevSigningKey(fixture.stateDir);
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ agency: 'police', roles: ['supervisor'] })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject('intruder')
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setExpirationTime('5m')
      .sign(privateKey);
    const response = await request(app.getHttpServer()).get('/me').auth(forged, { type: 'bearer' }).expect(401);
    expect(response.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'token signature is invalid' });
    expect(response.headers['www-authenticate']).toBe(
      'Bearer realm="easi", error="invalid_token", error_description="token signature is invalid"',
    );
  });

  it('should answer 401 naming the reason when the issuer is wrong', async () => {
    const foreign = await mintDevToken({ agency: 'police', roles: ['investigator'] }, { ...fixture.mintOptions, issuer: 'someone-else' });
    const response = await request(app.getHttpServer()).get('/me').auth(foreign, { type: 'bearer' }).expect(401);
    expect(response.body.message).toBe('token was not issued by easi-dev-issuer');
  });

  it('should answer 401 naming the reason when the token expired', async () => {
    const expired = await mintDevToken({ agency: 'police', roles: ['investigator'], expiresIn: -300 }, fixture.mintOptions);
    const response = await request(app.getHttpServer()).get('/me').auth(expired, { type: 'bearer' }).expect(401);
    expect(response.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'token has expired' });
  });

  it('should answer 401 naming the claims when agency and roles are missing', async () => {
    const key = await loadOrCreateDevSigningKey(fixture.stateDir);
    const bare = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .setSubject('staff-1')
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setExpirationTime('5m')
      .sign(key.privateKey);
    const response = await request(app.getHttpServer()).get('/me').auth(bare, { type: 'bearer' }).expect(401);
    expect(response.body.message).toBe('token claims are invalid: agency claim is missing; roles claim is missing');
  });

  it('should give the handler the caller when the token is valid', async () => {
    const response = await request(app.getHttpServer())
      .get('/me')
      .auth(await token('psychology', ['psychologist']), { type: 'bearer' })
      .expect(200);
    expect(response.body).toEqual({ subject: 'staff-psychology', agency: 'psychology', roles: ['psychologist'] });
  });

  it('should answer 403 naming the agency when a class requires another agency', async () => {
    const response = await request(app.getHttpServer())
      .get('/screening/list')
      .auth(await token('psychology', ['psychologist']), { type: 'bearer' })
      .expect(403);
    expect(response.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: "requires agency police; the token's agency is psychology",
    });
  });

  it('should answer 403 naming the roles when the caller lacks them', async () => {
    const response = await request(app.getHttpServer())
      .get('/screening/decisions')
      .auth(await token('police', ['investigator']), { type: 'bearer' })
      .expect(403);
    expect(response.body.message).toBe("requires role one of supervisor, tactical-lead; the token's roles are investigator");
  });

  it('should answer 200 when agency and role both match', async () => {
    await request(app.getHttpServer())
      .get('/screening/decisions')
      .auth(await token('police', ['investigator', 'supervisor']), { type: 'bearer' })
      .expect(200, { decidedBy: 'staff-police' });
  });

  it('should apply the method-level agency list over the class-level one when both are present', async () => {
    await request(app.getHttpServer())
      .get('/screening/clinic-list')
      .auth(await token('triage-clinic', ['clinic-member']), { type: 'bearer' })
      .expect(200, ['case-2']);
  });
});

describe('AuthModule guard when the issuer is down', () => {
  it('should answer 503 rather than 401 when the signing keys cannot be fetched', async () => {
    const fixture = await startDevIssuerFixture();
    const valid = await mintDevToken({ agency: 'police', roles: ['investigator'] }, fixture.mintOptions);
    await fixture.issuer.close();
    @Module({ imports: [AuthModule.forRoot(fixture.authOptions)], controllers: [OpenController] })
    class DownAppModule {}
    const app = await NestFactory.create(DownAppModule, { logger: false });
    await app.init();
    try {
      const response = await request(app.getHttpServer()).get('/me').auth(valid, { type: 'bearer' }).expect(503);
      expect(response.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'cannot read the signing keys of easi-dev-issuer',
      });
      await request(app.getHttpServer()).get('/health').expect(200);
    } finally {
      await app.close();
      await fixture.stop();
    }
  });
});
