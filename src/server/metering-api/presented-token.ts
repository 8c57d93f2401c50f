import type { FastifyRequest } from 'fastify';

// Where a script or a Gnocchi client puts an API token. Gnocchi clients send a token as `X-Auth-Token` (the
// keystoneauth `admin_token` plugin: `gnocchi --os-auth-type admin_token --os-token …`); curl and most HTTP
// libraries find Basic easier, so the token is also taken as Basic's password, whatever the user name, or
// as its user name with no password, which is what `gnocchi --os-auth-type gnocchi-basic --user …` sends.

/**
 * The token a request presents; undefined when it sends neither header (it may still carry a session cookie).
 * Any other Authorization scheme presents an empty token, which matches none: a wrong credential is refused,
 * never ignored in favour of the cookie.
 */
export function presentedToken(request: FastifyRequest): string | undefined {
  const header = request.headers['x-auth-token'];
  if (header !== undefined) return Array.isArray(header) ? (header[0] ?? '') : header;
  const authorization = request.headers.authorization;
  if (authorization === undefined) return undefined;
  const basic = /^Basic\s+(\S+)\s*$/i.exec(authorization);
  if (basic?.[1] === undefined) return '';
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return decoded;
  const password = decoded.slice(colon + 1);
  return password === '' ? decoded.slice(0, colon) : password;
}
