import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { CONSTRAINT_ERRORS } from './constraint-errors';
import { defaultErrorCode, ErrorCode } from './error-codes';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string | string[];
  error: string;
}

const REASON: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function body(status: number, message: string, code: string = defaultErrorCode(status)): ErrorBody {
  return { statusCode: status, code, message, error: REASON[status] ?? 'Error' };
}

// PostgreSQL error classes that mean "the database is not reachable right now", not "bad request".
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3]|53300)/;
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection closed|Client was closed and is not queryable|Cannot use a pool after calling end/i;

/** Maps any error to the standard body; the one place that decides what a client is told. */
export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof HttpException) {
    const res = exception.getResponse();
    if (typeof res === 'string') return body(exception.getStatus(), res);
    const r = res as Partial<ErrorBody>;
    return {
      statusCode: exception.getStatus(),
      code: typeof r.code === 'string' ? r.code : defaultErrorCode(exception.getStatus()),
      message: r.message ?? exception.message,
      error: r.error ?? REASON[exception.getStatus()] ?? 'Error',
    };
  }

  const driverError = (exception as { driverError?: unknown })?.driverError ?? exception;
  const pg = driverError as { code?: string; constraint?: string; message?: string; severity?: string };

  if (exception instanceof QueryFailedError || typeof pg?.code === 'string') {
    const known = pg.constraint ? CONSTRAINT_ERRORS[pg.constraint] : undefined;
    if (known) return body(known.status, known.message, known.code);
    switch (pg.code) {
      case '23505':
      case '23P01':
        return body(409, 'This conflicts with a record that already exists.');
      case '23503':
        return body(404, 'A record this refers to does not exist.');
      case '23514':
      case '23502':
        return body(422, 'This change breaks a rule of the system.');
      case '22P02':
      case '22007':
      case '22008':
      case '22003':
      case '22001':
        return body(400, 'A value has the wrong format or is out of range.');
      case '40001':
      case '40P01':
      case '55P03':
        return body(409, 'Another change to the same records happened at the same moment; please try again.');
    }
    // FATAL errors end the session: the server is shutting down, starting up or refusing connections.
    if (pg.severity === 'FATAL' || (pg.code && UNAVAILABLE_SQLSTATE.test(pg.code))) return unavailable();
  }

  if (isUnavailable(exception)) return unavailable();
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

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const errorBody = toErrorBody(exception);
    if (errorBody.statusCode === HttpStatus.SERVICE_UNAVAILABLE) {
      this.logger.warn({ err: exception }, 'database unavailable');
    } else if (errorBody.statusCode >= HttpStatus.INTERNAL_SERVER_ERROR) {
      this.logger.error({ err: exception }, 'request failed');
    }
    if (!response.headersSent) {
      response.status(errorBody.statusCode).json(errorBody);
    }
  }
}
