import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsService } from './metrics.service';

/**
 * Times every request and labels it with the route pattern Express matched (`/api/v1/stays/:id`),
 * never the raw path: ids in paths would make a new time series per person.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const stop = this.metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const pattern = req.route?.path as string | undefined;
      stop({ method: req.method, route: pattern ? `${req.baseUrl}${pattern}` : 'unmatched', status: String(res.statusCode) });
    });
    next();
  }
}
