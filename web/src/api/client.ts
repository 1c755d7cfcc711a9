import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/**
 * The console's only way to the service: a client typed from the OpenAPI document. It sends the
 * session cookie (same origin) and, on requests that change something, echoes the readable CSRF
 * cookie in X-CSRF-Token, as the API requires of cookie-authenticated changes.
 */
export const CSRF_COOKIE = 'cachly_csrf';

export function csrfToken(): string {
  const entry = document.cookie.split('; ').find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  return entry ? decodeURIComponent(entry.slice(CSRF_COOKIE.length + 1)) : '';
}

/** What the API answers on an error: a stable code, a sentence, and for validation the field problems. */
export interface ApiErrorBody {
  statusCode: number;
  code?: string;
  message?: string | string[];
  errors?: { field: string; message: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(typeof body.message === 'string' ? body.message : `HTTP ${status}`);
  }
  get code(): string {
    return this.body.code ?? (this.status === 401 ? 'UNAUTHENTICATED' : `HTTP_${this.status}`);
  }
}

const listeners = new Set<() => void>();
/** Called when the API says the session is gone (401), so the console can show the sign-in screen. */
export function onSignedOut(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const session: Middleware = {
  onRequest({ request }) {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) request.headers.set('X-CSRF-Token', csrfToken());
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && !request.url.includes('/auth/session')) listeners.forEach((l) => l());
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(session);

/** Unwraps an openapi-fetch result: the data, or an ApiError with the API's code. */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) {
    throw new ApiError(response.status, (error as ApiErrorBody) ?? { statusCode: response.status });
  }
  return data as T;
}

/** A fresh Idempotency-Key: one per form submission, so a double click or a retry never does the work twice. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
