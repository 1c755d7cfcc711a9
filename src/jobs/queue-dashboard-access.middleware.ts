import { Injectable, NestMiddleware } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { csrfSatisfied, tokenFromRequest } from '../auth/session-cookies';
import { ErrorCode } from '../common/errors/error-codes';
import { Role } from '../users/user.entity';

/**
 * The queue dashboard is plain Express, outside Nest's guards: this middleware lets only admins in,
 * with the same bearer tokens as the API or the console's session cookie. The dashboard's own page
 * cannot send our CSRF header, so a cookie-authenticated change there must at least come from this
 * origin (the browser's Sec-Fetch-Site or Origin header says so; other sites cannot forge either).
 */
@Injectable()
export class QueueDashboardAccess implements NestMiddleware {
  constructor(private readonly moduleRef: ModuleRef) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const auth = this.moduleRef.get(AuthService, { strict: false });
    const source = tokenFromRequest(req);
    const actor = source ? await auth.actorForToken(source.token).catch(() => null) : null;
    if (!actor) {
      res.status(401).json({
        statusCode: 401,
        code: ErrorCode.UNAUTHENTICATED,
        message: 'Sign in first: a bearer token or a session cookie is required.',
        error: 'Unauthorized',
      });
      return;
    }
    if (actor.role !== Role.Admin) {
      res.status(403).json({ statusCode: 403, code: ErrorCode.FORBIDDEN, message: 'Only admins can open the queue dashboard.', error: 'Forbidden' });
      return;
    }
    if (source?.viaCookie && !csrfSatisfied(req.method, req.headers, req.cookies) && !sameOrigin(req)) {
      res.status(403).json({
        statusCode: 403,
        code: ErrorCode.CSRF_FAILED,
        message: 'This change did not come from the dashboard page; reload it and try again.',
        error: 'Forbidden',
      });
      return;
    }
    next();
  }
}

function sameOrigin(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin';
  const origin = req.headers.origin;
  return typeof origin === 'string' && req.headers.host !== undefined && new URL(origin).host === req.headers.host;
}
