import {
  ForbiddenException,
  HttpException,
  Inject,
  Injectable,
  Logger,
  ServiceUnavailableException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Agency, Role } from '@easi/contracts';
import { assertAccess } from '../access';
import { AuthError, httpStatusOf } from '../auth-error';
import { bearerTokenFrom, verifyToken, type AuthOptions } from '../verify-token';
import { IS_PUBLIC_KEY, REQUIRED_AGENCIES_KEY, REQUIRED_ROLES_KEY } from './auth.decorators';
import type { AuthenticatedRequest } from './current-user.decorator';

export const AUTH_OPTIONS = Symbol('EASI_AUTH_OPTIONS');

type HeaderWriter = { setHeader(name: string, value: string): unknown };

// RFC 6750 forbids some characters in quoted strings; reasons are ours, so a simple swap is enough.
const quoted = (value: string): string => `"${value.replace(/["\\]/g, "'")}"`;

/**
 * Global guard installed by `AuthModule.forRoot`: every HTTP route needs a valid bearer token
 * unless it is `@Public()`, and then the route's `@RequireAgency` / `@RequireRole` must hold.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets)) {
      return true;
    }
    if (context.getType() !== 'http') {
      // Deny rather than wave through transports this guard cannot authenticate.
      throw new ForbiddenException('only HTTP requests can be authenticated');
    }
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    try {
      const user = await verifyToken(bearerTokenFrom(request.headers.authorization), this.options);
      assertAccess(user, {
        agencies: this.reflector.getAllAndOverride<Agency[] | undefined>(REQUIRED_AGENCIES_KEY, targets),
        roles: this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES_KEY, targets),
      });
      request.user = user;
      return true;
    } catch (error) {
      throw error instanceof AuthError ? this.toHttp(error, context.switchToHttp().getResponse<HeaderWriter>()) : error;
    }
  }

  private toHttp(error: AuthError, response: HeaderWriter): HttpException {
    const status = httpStatusOf(error.code);
    switch (status) {
      case 401:
        response.setHeader(
          'WWW-Authenticate',
          error.code === 'missing-token'
            ? `Bearer realm=${quoted(this.options.audience)}`
            : `Bearer realm=${quoted(this.options.audience)}, error="invalid_token", error_description=${quoted(error.message)}`,
        );
        return new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: error.message }, { cause: error });
      case 403:
        return new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: error.message }, { cause: error });
      case 503:
        this.logger.error(`${error.message}: ${error.cause instanceof Error ? error.cause.message : String(error.cause)}`);
        return new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', message: error.message }, { cause: error });
    }
  }
}
