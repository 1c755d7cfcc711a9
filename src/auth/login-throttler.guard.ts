import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Counts login attempts per client address and username, so one guessed account is slowed down. The
 * bearer login and the browser session share one count: alternating between them gains nothing.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, any>): Promise<string> {
    const username = typeof req.body?.username === 'string' ? req.body.username.toLowerCase() : '';
    return `${req.ip}:${username}`;
  }

  protected override generateKey(_context: ExecutionContext, suffix: string, name: string): string {
    return `login-${name}-${suffix}`;
  }
}
