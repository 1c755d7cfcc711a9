import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { CONSTRAINT_ERRORS } from './constraint-errors';
import { defaultErrorCode, ErrorCode } from './error-codes';

export interface ErrorBody {
  statusCode: number;
  code: string;
  details?: unknown;
  /** Always one sentence (or a few), never a list. */
  message: string;
  error: string;
  /** For validation failures: one entry per field, nested fields as dotted paths. */
  errors?: { field: string; message: string }[];
}

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function body(status: number, message: string, code: string = defaultErrorCode(status)): ErrorBody {
  return { statusCode: status, code, message, error: REASON[status] ?? 'Error' };
}

/** Nest's own messages may be lists (several validation problems): the body always carries one string. */
function oneMessage(message: unknown, fallback: string): string {
  if (typeof message === 'string' && message.length > 0) return message;
  if (Array.isArray(message) && message.length > 0) return message.map(String).join('; ');
  return fallback;
}

// PostgreSQL error classes that mean "the database is not reachable right now", not "bad request".
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3]|53300)/;
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection closed|Client was closed and is not queryable|Cannot use a pool after calling end/i;
// Nest answers a path no controller serves with "Cannot GET /path?query": say it without echoing the address.
const NO_ROUTE = /^Cannot [A-Z]+ \//;

/** Maps any error to the standard body; the one place that decides what a client is told. */
export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const res = exception.getResponse();
    if (typeof res === 'string') return body(status, oneMessage(res, exception.message));
    const r = res as { code?: unknown; message?: unknown; error?: unknown; errors?: unknown; details?: unknown };
    if (status === HttpStatus.NOT_FOUND && typeof r.code !== 'string' && typeof r.message === 'string' && NO_ROUTE.test(r.message)) {
      return body(status, 'There is no such endpoint; see /docs for the ones that exist.', ErrorCode.ROUTE_NOT_FOUND);
    }
    const result: ErrorBody = {
      statusCode: status,
      code: typeof r.code === 'string' ? r.code : defaultErrorCode(status),
      message: oneMessage(r.message, exception.message),
      // Terminus (/health) puts the state of each dependency under `error`; anything else says its reason phrase.
      error: (r.error ?? REASON[status] ?? 'Error') as string,
    };
    if (Array.isArray(r.errors)) result.errors = r.errors as ErrorBody['errors'];
    // What a client needs to fix its request, beyond the sentence (e.g. an import's row errors).
    if (r.details !== undefined) result.details = r.details;
    return result;
  }

  const driverError = (exception as { driverError?: unknown })?.driverError ?? exception;
  const pg = driverError as { code?: string; constraint?: string; message?: string; severity?: string };

  if (exception instanceof QueryFailedError || (typeof pg?.code === 'string' && /^[0-9A-Z]{5}$/.test(pg.code))) {
    const known = pg.constraint ? CONSTRAINT_ERRORS[pg.constraint] : undefined;
    if (known) return body(known.status, known.message, known.code ?? defaultErrorCode(known.status));
    switch (pg.code) {
      case '23505':
      case '23P01':
        return body(409, 'This conflicts with a record that already exists.', ErrorCode.ALREADY_EXISTS);
      case '23503':
        return body(404, 'A record this refers to does not exist.', ErrorCode.REFERENCED_NOT_FOUND);
      case '23514':
      case '23502':
        return body(422, 'This change breaks a rule of the system.', ErrorCode.RULE_REFUSED);
      case '22P02':
      case '22007':
      case '22008':
      case '22003':
      case '22001':
      case '22021': // a character not valid in UTF-8 (such as NUL)
      case '22P05': // a character that cannot be stored as text (such as NUL)
      case '2201B': // an invalid regular expression
      case '22023':
      case '22004':
        return body(400, 'A value has the wrong format or is out of range.', ErrorCode.INVALID_VALUE);
      case '40001':
      case '40P01':
      case '55P03':
        return body(409, 'Another change to the same records happened at the same moment; please try again.', ErrorCode.CONCURRENT_CHANGE);
    }
    // FATAL errors end the session: the server is shutting down, starting up or refusing connections.
    if (pg.severity === 'FATAL' || (pg.code && UNAVAILABLE_SQLSTATE.test(pg.code))) return unavailable();
  }

  if (isUnavailable(exception)) return unavailable();

  // Errors of the HTTP layer below Nest (body parser, router) that carry a client-error status of their own.
  const httpError = exception as { status?: unknown; expose?: unknown };
  if (typeof httpError?.status === 'number' && httpError.status >= 400 && httpError.status < 500 && httpError.expose === true) {
    return body(httpError.status, 'The request could not be read.');
  }
  return body(500, 'Internal server error');
}

function unavailable(): ErrorBody {
  return body(503, 'The database is not reachable right now; please try again in a moment.', ErrorCode.DATABASE_UNAVAILABLE);
}

function isUnavailable(exception: unknown): boolean {
  // TypeORM releases a query runner whose connection the database dropped; whatever the request does
  // with it next (the next statement, the rollback) fails with one of these. The database went away.
  if (exception instanceof QueryRunnerAlreadyReleasedError || exception instanceof QueryRunnerProviderAlreadyReleasedError) {
    return true;
  }
  const e = exception as { code?: string; message?: string; driverError?: { code?: string; message?: string } };
  const code = e?.code ?? e?.driverError?.code;
  const message = e?.message ?? e?.driverError?.message ?? '';
  return (code !== undefined && UNAVAILABLE_NODE_CODES.has(code)) || UNAVAILABLE_MESSAGES.test(message);
}

/** What may be logged about a failed request: its kind, never its values. */
export interface ErrorLogFields {
  errorClass: string;
  sqlState?: string;
  constraint?: string;
  route?: string;
  requestId?: string;
  method?: string;
  statusCode: number;
  code: string;
}

/**
 * The log record of a failed request. Error messages, SQL text, SQL parameters, row values, request
 * bodies and query strings are left out on purpose: a failing query's message or parameters can hold
 * id numbers, phones, names or password hashes. The class, SQLSTATE and constraint name say enough to
 * find the cause; the request id finds the request.
 */
export function errorLogFields(exception: unknown, errorBody: ErrorBody, req?: Partial<Request> & { id?: unknown }): ErrorLogFields {
  const driverError = ((exception as { driverError?: unknown })?.driverError ?? exception) as {
    code?: unknown;
    constraint?: unknown;
  };
  const fields: ErrorLogFields = {
    errorClass: (exception as object)?.constructor?.name ?? typeof exception,
    statusCode: errorBody.statusCode,
    code: errorBody.code,
  };
  if (typeof driverError?.code === 'string' && /^[0-9A-Z]{5}$/.test(driverError.code)) fields.sqlState = driverError.code;
  else if (typeof driverError?.code === 'string' && /^E[A-Z]+$/.test(driverError.code)) fields.sqlState = driverError.code;
  if (typeof driverError?.constraint === 'string') fields.constraint = driverError.constraint;
  if (req) {
    const route = (req as { route?: { path?: unknown } }).route?.path;
    fields.route = typeof route === 'string' ? route : (req.originalUrl ?? req.url ?? '').split('?')[0];
    if (typeof req.method === 'string') fields.method = req.method;
    if (typeof req.id === 'string' || typeof req.id === 'number') fields.requestId = String(req.id);
  }
  return fields;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Nest's built-in parameter pipes (ParseUUIDPipe, ParseIntPipe, …) refuse with "Validation failed
 * (uuid is expected)" and no field: the request's path parameters say which one it was.
 */
function withParamErrors(errorBody: ErrorBody, exception: unknown, req?: Request): ErrorBody {
  if (!(exception instanceof HttpException) || errorBody.statusCode !== HttpStatus.BAD_REQUEST) return errorBody;
  const res = exception.getResponse() as { code?: unknown; message?: unknown };
  if (typeof res !== 'object' || res.code !== undefined || typeof res.message !== 'string') return errorBody;
  const expected = /^Validation failed \((.+) is expected\)$/.exec(res.message);
  if (!expected) return errorBody;
  const params = Object.entries((req?.params ?? {}) as Record<string, string>);
  const wrong = expected[1] === 'uuid' ? params.filter(([, value]) => !UUID.test(value)) : params;
  const errors = (wrong.length > 0 ? wrong : params).map(([field]) => ({ field, message: `${field} must be a ${expected[1] === 'uuid' ? 'UUID' : expected[1]}` }));
  return {
    ...errorBody,
    code: ErrorCode.VALIDATION_FAILED,
    message: `The request is not valid: ${errors.map((e) => e.message).join('; ') || res.message}.`,
    errors,
  };
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    const errorBody = withParamErrors(toErrorBody(exception), exception, request);
    if (errorBody.statusCode >= HttpStatus.INTERNAL_SERVER_ERROR) {
      const fields = errorLogFields(exception, errorBody, request);
      if (errorBody.statusCode === HttpStatus.SERVICE_UNAVAILABLE) this.logger.warn(fields, 'service unavailable');
      else this.logger.error(fields, 'request failed');
    }
    if (!response.headersSent) {
      response.status(errorBody.statusCode).json(errorBody);
    }
  }
}
