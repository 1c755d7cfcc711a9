import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Actor } from '../common/auth/actor';
import { IS_PUBLIC, ROLES } from '../common/auth/auth.decorators';
import { ErrorCode } from '../common/errors/error-codes';
import { Role } from '../users/user.entity';
import { AuthService } from './auth.service';
import { csrfSatisfied, tokenFromRequest } from './session-cookies';

/**
 * The one global guard: every route needs a valid token of an active user unless marked @Public(),
 * and a route marked @Roles(...) only admits those roles. The token comes from the bearer header or,
 * for browsers, from the session cookie; a cookie-authenticated request that changes something must
 * also carry the CSRF token. The user is read from the database on each request so that deactivation
 * and role changes take effect at once.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const source = tokenFromRequest(request);
    if (!source) {
      throw new UnauthorizedException({
        code: ErrorCode.UNAUTHENTICATED,
        message: 'Sign in first: a bearer token or a session cookie is required.',
      });
    }
    if (source.viaCookie && !csrfSatisfied(request.method, request.headers, request.cookies)) {
      throw new ForbiddenException({
        code: ErrorCode.CSRF_FAILED,
        message: 'This page is out of date or the request did not come from the console; reload and try again.',
      });
    }
    const actor = await this.auth.actorForToken(source.token);
    if (!actor) {
      throw new UnauthorizedException({
        code: ErrorCode.SESSION_INVALID,
        message: 'Your session is invalid or has expired; sign in again.',
      });
    }
    request.actor = actor;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(actor.role)) {
      throw new ForbiddenException({ code: ErrorCode.ROLE_NOT_ALLOWED, message: 'Your role is not allowed to do this.' });
    }
    return true;
  }
}
