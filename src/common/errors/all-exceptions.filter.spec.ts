import { ConflictException, NotFoundException } from '@nestjs/common';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { toErrorBody } from './all-exceptions.filter';

function pgError(code: string, constraint?: string): QueryFailedError {
  return new QueryFailedError('SELECT 1', [], Object.assign(new Error('pg'), { code, constraint }));
}

describe('toErrorBody', () => {
  it('keeps the status and sentence of an HTTP exception', () => {
    expect(toErrorBody(new NotFoundException('No such facility.'))).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'No such facility.',
      error: 'Not Found',
    });
    expect(toErrorBody(new ConflictException('Bed taken.')).statusCode).toBe(409);
  });

  it('turns a known constraint into its own message', () => {
    expect(toErrorBody(pgError('23505', 'UQ_facilities_code'))).toEqual({
      statusCode: 409,
      code: 'CONFLICT',
      message: 'A facility with this code already exists.',
      error: 'Conflict',
    });
  });

  it('maps unknown unique and exclusion violations to 409, bad values to 400', () => {
    expect(toErrorBody(pgError('23505', 'some_other')).statusCode).toBe(409);
    expect(toErrorBody(pgError('23P01')).statusCode).toBe(409);
    expect(toErrorBody(pgError('22P02')).statusCode).toBe(400);
  });

  it('reports an unreachable database as 503', () => {
    expect(toErrorBody(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).statusCode).toBe(503);
    expect(toErrorBody(pgError('57P01')).statusCode).toBe(503);
    expect(toErrorBody(new Error('Connection terminated unexpectedly')).statusCode).toBe(503);
    const refused = Object.assign(new Error('database "x" is not currently accepting connections'), { code: '55000', severity: 'FATAL' });
    expect(toErrorBody(refused).statusCode).toBe(503);
  });

  it('reports a connection dropped in the middle of a request as 503 DATABASE_UNAVAILABLE', () => {
    for (const dropped of [
      new QueryRunnerAlreadyReleasedError(),
      new QueryRunnerProviderAlreadyReleasedError(),
      new Error('Client was closed and is not queryable'),
      new Error('Cannot use a pool after calling end on the pool'),
    ]) {
      expect(toErrorBody(dropped)).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
    }
  });

  it('hides anything else behind a plain 500', () => {
    expect(toErrorBody(new TypeError('x is undefined'))).toEqual({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: 'Internal server error',
      error: 'Internal Server Error',
    });
  });
});
