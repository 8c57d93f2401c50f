import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import { ApiError } from './api-error';

// A DNS-rebinding page reaches a loopback server under its own host name, and as far as the browser knows it
// is same-origin: its Origin matches the Host it sent. Answering only for the names this server is known by
// closes that door. IP addresses are always accepted, since rebinding needs a name the attacker controls.

function hostnameOf(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

function isLoopbackName(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost');
}

function isAddress(hostname: string): boolean {
  return isIP(hostname.replace(/^\[|\]$/g, '')) !== 0;
}

/**
 * An onRequest hook answering 421 to a Host header that names none of `allowed` (exact names, or
 * `.example.com` for a domain and its subdomains), no loopback name and no IP address.
 */
export function hostAllowList(allowed: readonly string[]) {
  const exact = new Set(allowed.filter((name) => !name.startsWith('.')));
  const domains = allowed.filter((name) => name.startsWith('.'));
  const accepted = (hostname: string) =>
    isAddress(hostname) ||
    isLoopbackName(hostname) ||
    exact.has(hostname) ||
    domains.some((domain) => hostname.endsWith(domain) || hostname === domain.slice(1));

  return async function checkHost(request: FastifyRequest): Promise<void> {
    const hostname = hostnameOf(request.host);
    if (hostname !== undefined && accepted(hostname)) return;
    request.log.warn({ host: request.host.slice(0, 200) }, 'request for an unknown host refused');
    throw new ApiError(
      421,
      'misdirected',
      'This server does not answer for that host name; add it to ALLOWED_HOSTS if it is yours.',
    );
  };
}
