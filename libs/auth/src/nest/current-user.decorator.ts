import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedUser } from '../claims';

/** What the guard leaves on the request for handlers. */
export type AuthenticatedRequest = {
  headers: Record<string, string | string[] | undefined>;
  user?: AuthenticatedUser;
};

export const userOf = (context: ExecutionContext): AuthenticatedUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) {
    // A programming error, not a caller's: the handler asks for a user on a route the guard let through unauthenticated.
    throw new Error('@CurrentUser() needs an authenticated route; it was used on a @Public() route');
  }
  return user;
};

/** Injects the verified caller: `handler(@CurrentUser() user: AuthenticatedUser)`. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext) => userOf(context));
