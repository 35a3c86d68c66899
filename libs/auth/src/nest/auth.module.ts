import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AuthOptions } from '../verify-token';
import { AUTH_OPTIONS, AuthGuard } from './auth.guard';

export type AuthModuleOptions = AuthOptions;

export type AuthModuleAsyncOptions = Pick<ModuleMetadata, 'imports'> & {
  inject?: (string | symbol | (abstract new (...args: never[]) => unknown))[];
  useFactory: (...args: never[]) => AuthModuleOptions | Promise<AuthModuleOptions>;
};

const checked = (options: AuthModuleOptions): AuthModuleOptions => {
  const problems = [
    URL.canParse(options.jwksUrl) ? undefined : `jwksUrl must be a URL, got "${options.jwksUrl}"`,
    options.issuer.trim() ? undefined : 'issuer must not be empty',
    options.audience.trim() ? undefined : 'audience must not be empty',
  ].filter((problem) => problem !== undefined);
  if (problems.length) {
    throw new Error(`AuthModule options are invalid: ${problems.join('; ')}`);
  }
  return options;
};

/**
 * Authentication for a whole Nest application: import once in the root module and every route
 * requires a bearer token unless marked `@Public()`.
 */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: AUTH_OPTIONS, useValue: checked(options) },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [AUTH_OPTIONS],
    };
  }

  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        {
          provide: AUTH_OPTIONS,
          inject: options.inject ?? [],
          useFactory: async (...args: never[]) => checked(await options.useFactory(...args)),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [AUTH_OPTIONS],
    };
  }
}
