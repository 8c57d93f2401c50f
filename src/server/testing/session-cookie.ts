import { SESSION_COOKIE } from '../auth/session-plugin';

/** The `name=value` of the session cookie a sign-in answer set, as a client sends it back. */
export function sessionCookieOf(response: Response): string {
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error('the sign-in set no session cookie');
  return cookie;
}
