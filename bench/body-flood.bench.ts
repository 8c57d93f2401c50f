import autocannon from 'autocannon';
import { startApiHarness } from '../src/server/testing/api-harness';
import { printFigures } from './report';

// What an unauthenticated client costs everyone else: 1 MiB bodies of nested JSON posted without a session
// to a route that takes a body, four at a time, while a health checker polls. The session is checked before
// the body is read, so the flood never reaches the JSON parser, and a body over the route's limit is not
// even received.

// Just under Fastify's default 1 MiB limit, which is what a route without a limit of its own would parse.
const NESTED_MIB = `{"name": ${'['.repeat(512 * 1024 - 16)}${']'.repeat(512 * 1024 - 16)}}`;
const SECONDS = 8;

async function healthLatency(base: string) {
  return autocannon({ url: `${base}/api/health`, connections: 2, duration: SECONDS, workers: 1 });
}

export async function bodyFloodBench(): Promise<void> {
  const h = await startApiHarness();
  try {
    const quiet = await healthLatency(h.base);
    const [flood, loaded] = await Promise.all([
      autocannon({
        url: `${h.base}/api/displays`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: NESTED_MIB,
        connections: 4,
        duration: SECONDS,
        workers: 1,
      }),
      healthLatency(h.base),
    ]);
    const refused = flood.statusCodeStats?.['401']?.count ?? 0;
    printFigures('server: /api/health during a flood of 1 MiB unauthenticated bodies (4 connections)', [
      { name: '/api/health p99, no flood', value: quiet.latency.p99, unit: 'ms' },
      { name: '/api/health p50 during the flood', value: loaded.latency.p50, unit: 'ms' },
      { name: '/api/health p99 during the flood', value: loaded.latency.p99, unit: 'ms', target: 100 },
      { name: 'flood requests answered 401', value: refused / SECONDS, unit: 'req/s' },
      // Bodies over the route's limit are not read: the server answers and closes while the client still sends.
      { name: 'flood connections closed before the body was sent', value: flood.errors, unit: 'connections' },
      { name: 'flood requests answered otherwise', value: flood.non2xx - refused, unit: 'requests' },
    ]);
  } finally {
    await h.close();
  }
}
