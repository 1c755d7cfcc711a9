import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';

/**
 * Browser sessions: the token lives in an httpOnly cookie the page's scripts cannot read, and a
 * second, readable cookie holds a random CSRF token that the console echoes in `X-CSRF-Token` on every
 * request that changes something (double submit). A page on another site can make the browser send
 * the first cookie, but cannot read the second, so it cannot forge the header.
 */
export const SESSION_COOKIE = 'cachly_session';
export const CSRF_COOKIE = 'cachly_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function baseOptions(secure: boolean): CookieOptions {
  return { sameSite: 'strict', secure, path: '/' };
}

/** Sets both cookies for a fresh session and returns the CSRF token (the console may also read it from the cookie). */
export function setSessionCookies(res: Response, token: string, expiresInSeconds: number, secure: boolean): string {
  const csrf = randomBytes(32).toString('base64url');
  const maxAge = expiresInSeconds * 1000;
  res.cookie(SESSION_COOKIE, token, { ...baseOptions(secure), httpOnly: true, maxAge });
  res.cookie(CSRF_COOKIE, csrf, { ...baseOptions(secure), httpOnly: false, maxAge });
  return csrf;
}

export function clearSessionCookies(res: Response, secure: boolean): void {
  res.clearCookie(SESSION_COOKIE, { ...baseOptions(secure), httpOnly: true });
  res.clearCookie(CSRF_COOKIE, { ...baseOptions(secure), httpOnly: false });
}

export type TokenSource = { token: string; viaCookie: boolean } | null;

/** The bearer header wins; the session cookie is the fallback for browsers. */
export function tokenFromRequest(req: Pick<Request, 'headers'> & { cookies?: Record<string, unknown> }): TokenSource {
  const [scheme, token] = (req.headers.authorization ?? '').split(' ');
  if (scheme === 'Bearer' && token) return { token, viaCookie: false };
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (typeof cookie === 'string' && cookie) return { token: cookie, viaCookie: true };
  return null;
}

/** True when a cookie-authenticated request may go ahead: reads always, changes only with the echoed CSRF token. */
export function csrfSatisfied(
  method: string,
  headers: Record<string, string | string[] | undefined>,
  cookies: Record<string, unknown> | undefined,
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const header = headers[CSRF_HEADER];
  const cookie = cookies?.[CSRF_COOKIE];
  if (typeof header !== 'string' || typeof cookie !== 'string' || !header || !cookie) return false;
  const a = Buffer.from(header);
  const b = Buffer.from(cookie);
  return a.length === b.length && timingSafeEqual(a, b);
}
