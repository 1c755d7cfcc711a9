import { BadRequestException, HttpException, HttpStatus } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ErrorCode } from '../errors/error-codes';
import { validationFailed } from '../validation/validation';

/** No request body of Cachly nests deeper than a few levels; anything far deeper is refused unread. */
export const MAX_BODY_DEPTH = 32;
export const MAX_BODY_SIZE = '1mb';

export type InputProblem = { kind: 'nul'; field: string } | { kind: 'depth' };

/**
 * Walks a parsed body or query (iteratively: a hostile document must not exhaust the stack) and
 * reports the first NUL character in a key or a string value, or nesting beyond `maxDepth`.
 * PostgreSQL cannot store NUL in text, so it is refused here, for every field at once.
 */
export function inputProblem(root: unknown, maxDepth = MAX_BODY_DEPTH): InputProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { kind: 'nul', field: path || '(body)' };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) return { kind: 'depth' };
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) return { kind: 'nul', field: childPath.replace(/\u0000/g, '\\u0000') };
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return null;
}

function problemToException(problem: InputProblem, where: string): HttpException {
  if (problem.kind === 'depth') {
    return new BadRequestException({
      code: ErrorCode.BODY_TOO_DEEP,
      message: `The ${where} is nested too deeply (at most ${MAX_BODY_DEPTH} levels).`,
    });
  }
  return validationFailed([{ field: problem.field, message: `${problem.field} must not contain NUL characters (\\u0000)` }]);
}

/** Express middleware, after the body parsers: refuses NUL characters and absurd nesting in path, query and body. */
export function refuseUnsafeInput(req: Request, _res: Response, next: NextFunction): void {
  let path: string;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    return next(new BadRequestException({ code: ErrorCode.BAD_REQUEST, message: 'The address is not correctly encoded.' }));
  }
  if (path.includes('\u0000')) {
    return next(validationFailed([{ field: '(path)', message: 'the address must not contain NUL characters (\\u0000)' }]));
  }
  const inQuery = inputProblem(req.query);
  if (inQuery) return next(problemToException(inQuery, 'query string'));
  const inBody = inputProblem(req.body);
  if (inBody) return next(problemToException(inBody, 'request body'));
  next();
}

/**
 * Express error middleware right after the body parsers: their refusals keep their own status (413
 * too large, 415 unsupported charset or encoding, 400 malformed) and get the standard body, on every
 * route, before any guard runs. Anything else passes on untouched.
 */
export function bodyParserErrors(err: unknown, _req: Request, _res: Response, next: NextFunction): void {
  const e = err as { type?: unknown; status?: unknown; expose?: unknown };
  if (typeof e?.type !== 'string' || typeof e.status !== 'number' || e.status < 400 || e.status >= 500) return next(err);
  switch (e.status) {
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return next(
        new HttpException(
          { code: ErrorCode.PAYLOAD_TOO_LARGE, message: `The request body is too large (at most ${MAX_BODY_SIZE}).` },
          HttpStatus.PAYLOAD_TOO_LARGE,
        ),
      );
    case HttpStatus.UNSUPPORTED_MEDIA_TYPE:
      return next(
        new HttpException(
          {
            code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            message: 'The request body uses a character set or content encoding the service does not accept (send UTF-8 JSON).',
          },
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        ),
      );
    default:
      return next(
        new HttpException(
          {
            code: e.type === 'entity.parse.failed' ? ErrorCode.MALFORMED_BODY : ErrorCode.BAD_REQUEST,
            message:
              e.type === 'entity.parse.failed'
                ? 'The request body is not valid JSON.'
                : 'The request body could not be read.',
          },
          e.status,
        ),
      );
  }
}

/**
 * Requests that Node's HTTP parser refuses before any of the app sees them (headers or address too
 * large, malformed request line) get the standard error body too, with the status Node would give.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, reason, code, message] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', ErrorCode.HEADERS_TOO_LARGE, 'The address or the headers of the request are too large.']
        : err.code === 'HPE_REQUEST_TIMEOUT' || err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout', ErrorCode.BAD_REQUEST, 'The request took too long to arrive.']
          : [400, 'Bad Request', ErrorCode.BAD_REQUEST, 'The request could not be read.'];
    const body = JSON.stringify({ statusCode: status, code, message, error: reason });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
