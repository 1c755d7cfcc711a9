import { ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Response } from 'express';
import { ErrorCode } from '../common/errors/error-codes';

/** Names of the login throttlers (see AuthModule). */
export const LOGIN_PER_ACCOUNT = 'login';
export const LOGIN_PER_ADDRESS = 'login-address';

/** Per client address and username: one guessed account is slowed down, others can still sign in. */
export function accountTracker(req: Record<string, any>): string {
  const username = typeof req.body?.username === 'string' ? req.body.username.toLowerCase() : '';
  return `${req.ip}:${username}`;
}

/** Per client address across usernames: spraying one password over many accounts is slowed down too. */
export function addressTracker(req: Record<string, any>): string {
  return String(req.ip);
}

/**
 * Limits login attempts (both throttlers of AuthModule). Past a limit: 429 in the standard error body
 * with code TOO_MANY_REQUESTS, and the standard `Retry-After` header in seconds. The bearer login and
 * the browser session share their counts: alternating between the two routes gains nothing.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire || detail.timeToExpire || 1));
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw new HttpException(
      {
        code: ErrorCode.TOO_MANY_REQUESTS,
        message: `Too many sign-in attempts from this address; try again in ${retryAfter} seconds.`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  protected override generateKey(_context: ExecutionContext, suffix: string, name: string): string {
    return `login-${name}-${suffix}`;
  }
}
