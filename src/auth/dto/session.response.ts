import { SessionUserResponse } from './login.response';

/** A browser session: the token itself stays in the httpOnly cookie and is not repeated here. */
export class SessionResponse {
  /** Seconds until the session expires. */
  expiresIn: number;
  /** The value to echo in the `X-CSRF-Token` header on requests that change something (also in the readable `cachly_csrf` cookie). */
  csrfToken: string;
  user: SessionUserResponse;
}
