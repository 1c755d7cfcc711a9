import { BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { errorLogFields, toErrorBody } from './all-exceptions.filter';

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
      code: 'ALREADY_EXISTS',
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

  it('always gives one string as message, and passes field errors on', () => {
    const many = toErrorBody(new BadRequestException(['a is wrong', 'b is wrong']));
    expect(many.message).toBe('a is wrong; b is wrong');
    const listed = toErrorBody(
      new BadRequestException({ code: 'VALIDATION_FAILED', message: 'The request is not valid.', errors: [{ field: 'a', message: 'a is wrong' }] }),
    );
    expect(listed).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'The request is not valid.',
      error: 'Bad Request',
      errors: [{ field: 'a', message: 'a is wrong' }],
    });
  });

  it('maps NUL characters refused by the database to 400 rather than 500', () => {
    expect(toErrorBody(pgError('22021')).statusCode).toBe(400);
    expect(toErrorBody(pgError('22P05')).statusCode).toBe(400);
  });
});

describe('errorLogFields', () => {
  it('keeps the class, SQLSTATE, constraint, route and request id, and nothing of the values', () => {
    const err = new QueryFailedError(
      'INSERT INTO people (id_number, phone) VALUES ($1, $2)',
      ['079912345678', '+84901234567'],
      Object.assign(new Error('duplicate key value (id_number)=(079912345678)'), {
        code: '23505',
        constraint: 'UQ_people_id_number',
        detail: 'Key (id_number)=(079912345678) already exists.',
      }),
    );
    const fields = errorLogFields(err, toErrorBody(err), {
      method: 'POST',
      originalUrl: '/api/v1/people?q=Nguyen',
      id: 'req-1',
    } as never);
    expect(fields).toEqual({
      errorClass: 'QueryFailedError',
      sqlState: '23505',
      constraint: 'UQ_people_id_number',
      route: '/api/v1/people',
      method: 'POST',
      requestId: 'req-1',
      statusCode: 409,
      code: 'ID_NUMBER_TAKEN',
    });
    expect(JSON.stringify(fields)).not.toMatch(/0799|\+849|Nguyen|INSERT/);
  });
});
