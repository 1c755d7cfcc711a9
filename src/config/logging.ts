import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import { Params } from 'nestjs-pino';
import { Environment } from './environment';

/**
 * JSON logs, one line per request with its request id. Bodies are never logged, and headers or
 * fields that could carry secrets or personal data are removed.
 */
export function loggingParams(env: Pick<Environment, 'LOG_LEVEL'>): Params {
  return {
    // Every route, written the way Express 5's path-to-regexp reads it (the default '*' is the legacy
    // form, which Nest rewrites with a warning at every start).
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: env.LOG_LEVEL,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["idempotency-key"]',
          'res.headers["set-cookie"]',
          '*.password',
          '*.passwordHash',
          '*.accessToken',
          '*.idNumber',
          '*.phone',
        ],
        remove: true,
      },
      serializers: {
        // Query strings can hold names, id numbers or phones being searched for: only the path is logged.
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      },
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
    },
  };
}
