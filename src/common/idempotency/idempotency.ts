import { applyDecorators, BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { ErrorCode } from '../errors/error-codes';

/** What a request says about idempotency: its key (if any) and a fingerprint of the request. */
export interface IdempotentRequest {
  key: string | null;
  requestHash: string;
}

export interface IdempotentResult<T> {
  statusCode: number;
  body: T;
  replayed: boolean;
}

const KEY_PATTERN = /^[\x21-\x7e]{16,255}$/;

/** JSON with object keys sorted, so the same body always gives the same fingerprint. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function fingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${stableJson(body ?? {})}`).digest('hex');
}

/** Reads and checks the Idempotency-Key header (16–255 visible characters) and fingerprints the request. */
export const Idempotency = createParamDecorator((_: unknown, ctx: ExecutionContext): IdempotentRequest => {
  const req = ctx.switchToHttp().getRequest<Request>();
  const header = req.headers['idempotency-key'];
  if (Array.isArray(header)) {
    throw new BadRequestException({
      code: ErrorCode.IDEMPOTENCY_KEY_INVALID,
      message: 'Send one Idempotency-Key header, not several.',
    });
  }
  if (header !== undefined && !KEY_PATTERN.test(header)) {
    throw new BadRequestException({
      code: ErrorCode.IDEMPOTENCY_KEY_INVALID,
      message: 'Idempotency-Key must be 16 to 255 visible characters (a UUID is a good choice).',
    });
  }
  return { key: header ?? null, requestHash: fingerprint(req.method, req.path, req.body) };
});

/** Documents the header on an endpoint that honours it. */
export function ApiIdempotencyKey() {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Optional, 16–255 characters (a UUID is typical). A retry with the same key and body replays the first ' +
        'response with header Idempotent-Replayed: true; the same key with another body gives 422; ' +
        'while the first request is still running, 409.',
    }),
  );
}

/** Sends a result with its own status code, marking replays. */
export function sendIdempotent<T>(res: Response, result: IdempotentResult<T>): T {
  res.status(result.statusCode);
  if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return result.body;
}
