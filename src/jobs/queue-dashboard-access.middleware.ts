import { Injectable, NestMiddleware } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { Role } from '../users/user.entity';

/**
 * The queue dashboard is plain Express, outside Nest's guards: this middleware lets only admins in,
 * with the same bearer tokens as the API.
 */
@Injectable()
export class QueueDashboardAccess implements NestMiddleware {
  constructor(private readonly moduleRef: ModuleRef) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const auth = this.moduleRef.get(AuthService, { strict: false });
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    const actor = scheme === 'Bearer' && token ? await auth.actorForToken(token).catch(() => null) : null;
    if (!actor) {
      res.status(401).json({ statusCode: 401, message: 'Sign in first: a bearer token is required.', error: 'Unauthorized' });
      return;
    }
    if (actor.role !== Role.Admin) {
      res.status(403).json({ statusCode: 403, message: 'Only admins can open the queue dashboard.', error: 'Forbidden' });
      return;
    }
    next();
  }
}
