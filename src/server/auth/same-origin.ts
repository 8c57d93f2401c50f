import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/api-error';

// Defence in depth behind SameSite=Strict: a state-changing request must come from our own pages.
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

function sameHost(origin: string, host: string): boolean {
  let url: URL;
  let hostUrl: URL;
  try {
    url = new URL(origin);
    // Parsing the Host header with the origin's scheme normalises case, IPv6 brackets and default ports alike.
    hostUrl = new URL(`${url.protocol}//${host}`);
  } catch {
    return false;
  }
  const port = (u: URL) => u.port || DEFAULT_PORTS[u.protocol] || '';
  return url.hostname === hostUrl.hostname && port(url) === port(hostUrl);
}

/**
 * An app-wide onRequest hook that refuses cross-site POST, PUT, PATCH and DELETE: those flagged
 * `Sec-Fetch-Site: cross-site`, and those whose `Origin` names another host than the one they were sent to.
 * Requests carrying neither header (curl, scripts) pass; other methods are never checked.
 */
export async function rejectCrossSite(request: FastifyRequest): Promise<void> {
  if (!STATE_CHANGING.has(request.method)) return;
  const origin = request.headers.origin;
  const crossSite =
    request.headers['sec-fetch-site'] === 'cross-site' ||
    (origin !== undefined && !sameHost(origin, request.host));
  if (crossSite) {
    throw new ApiError(403, 'cross_site', 'This request came from another site and was refused.');
  }
}
