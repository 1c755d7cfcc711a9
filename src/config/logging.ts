import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import { Params } from 'nestjs-pino';
import pino from 'pino';
import { Environment } from './environment';

/**
 * What may be logged about an error, wherever it is logged from: its class, the SQLSTATE and
 * constraint of a database error, and the stack frames of any other (without the message line).
 * Messages, SQL text, SQL parameters, driver details and row values are never written: a failing
 * query's message or parameters can hold id numbers, phones, names or password hashes.
 */
export function safeError(err: unknown): Record<string, unknown> {
  if (err === null || typeof err !== 'object') return { type: typeof err };
  const e = err as { driverError?: unknown; stack?: unknown };
  const driver = (e.driverError ?? err) as { code?: unknown; constraint?: unknown };
  const out: Record<string, unknown> = { type: err.constructor?.name ?? 'Object' };
  const database = typeof driver.code === 'string' && /^[0-9A-Z]{5}$/.test(driver.code);
  if (database) out.sqlState = driver.code;
  else if (typeof driver.code === 'string' && /^E[A-Z_]+$/.test(driver.code)) out.code = driver.code;
  if (typeof driver.constraint === 'string') out.constraint = driver.constraint;
  if (!database && e.driverError === undefined && typeof e.stack === 'string') {
    out.stack = e.stack
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .join('\n');
  }
  return out;
}

/**
 * JSON logs, one line per request with its request id. Bodies and query strings are never logged;
 * errors only through `safeError`; headers or fields that could carry secrets or personal data are
 * removed.
 */
export function loggingParams(env: Pick<Environment, 'LOG_LEVEL'> & Partial<Pick<Environment, 'LOG_FILE'>>): Params {
  const options = {
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
        '*.parameters',
        '*.query',
        '*.body',
      ],
      remove: true,
    },
    serializers: {
      // Query strings can hold names, id numbers or phones being searched for: only the path is logged.
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      // Response headers can name a download after a person: only the status is logged.
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: safeError,
    },
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
  };
  return {
    // Every route, written the way Express 5's path-to-regexp reads it (the default '*' is the legacy
    // form, which Nest rewrites with a warning at every start).
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: env.LOG_FILE ? [options, pino.destination({ dest: env.LOG_FILE, sync: true, mkdir: true })] : options,
  };
}
