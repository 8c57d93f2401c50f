import { setTimeout as delay } from 'node:timers/promises';
import { Agent } from 'node:http';
import { isAnswered, latencies, timedRequest, type Latencies } from './http-load';

// Started by wall-screens.bench.ts: a thousand wall screens in one process, each asking what the SPA's wall
// asks once a poll interval (its session, the services, then its datacenter's summary and three lists at
// once), from an address of its own on loopback, with Chromium's Accept-Encoding and its HTTP cache's
// If-None-Match. Bodies are counted, not decoded: the server is what is measured.

export interface ScreenSpec {
  token: string;
  serviceName: string;
  datacenterId: number;
}

export interface ScreensInput {
  base: string;
  screens: ScreenSpec[];
  intervalMs: number;
  durationMs: number;
}

export interface ScreensResult {
  latency: Latencies;
  vmListLatency: Latencies;
  answered: number;
  notModified: number;
  /** Answers other than 2xx and 304, by status. */
  failures: Record<string, number>;
  /** Requests that got no answer at all, by message. */
  errors: Record<string, number>;
  bodyBytes: number;
  /** Screens that signed in. */
  signedIn: number;
}

/** What Chromium sends. */
const ACCEPT_ENCODING = 'gzip, deflate, br, zstd';
/** Chromium's connections per host: a screen's four datacenter answers come in parallel. */
const SOCKETS_PER_SCREEN = 6;

/** 127.1.0.1 upward: one loopback address per screen, as each screen has its own on a NOC's network. */
const addressOf = (index: number) => `127.1.${Math.floor((index + 1) / 256)}.${(index + 1) % 256}`;

async function runScreens(input: ScreensInput): Promise<ScreensResult> {
  const times: number[] = [];
  const vmTimes: number[] = [];
  const failures: Record<string, number> = {};
  const errors: Record<string, number> = {};
  let answered = 0;
  let notModified = 0;
  let bodyBytes = 0;
  let signedIn = 0;
  const end = performance.now() + input.durationMs;

  const screen = async (spec: ScreenSpec, index: number) => {
    const agent = new Agent({ keepAlive: true, maxSockets: SOCKETS_PER_SCREEN });
    const localAddress = addressOf(index);
    const etags = new Map<string, string>();
    let cookie = '';
    const ask = async (path: string, method = 'GET', body?: string) => {
      const headers: Record<string, string> = { 'accept-encoding': ACCEPT_ENCODING };
      if (cookie) headers.cookie = cookie;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const etag = etags.get(path);
      if (etag) headers['if-none-match'] = etag;
      try {
        const answer = await timedRequest(
          `${input.base}${path}`,
          { agent, localAddress, method, headers },
          body,
        );
        times.push(answer.ms);
        if (path.endsWith('/vms')) vmTimes.push(answer.ms);
        bodyBytes += answer.bytes;
        if (!isAnswered(answer.status)) failures[answer.status] = (failures[answer.status] ?? 0) + 1;
        else if (answer.status === 304) notModified += 1;
        else answered += 1;
        if (typeof answer.headers.etag === 'string') etags.set(path, answer.headers.etag);
        return answer;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        errors[message] = (errors[message] ?? 0) + 1;
        return undefined;
      }
    };

    // Screens are switched on over the first interval, not all in the same millisecond.
    await delay((index / input.screens.length) * input.intervalMs);
    const exchange = await ask('/api/display-session', 'POST', JSON.stringify({ token: spec.token }));
    const setCookie = exchange?.headers['set-cookie']?.find((c) => c.startsWith('vscope_session='));
    if (!setCookie) return agent.destroy();
    cookie = setCookie.split(';')[0]!;
    signedIn += 1;
    const dc = `/api/services/${spec.serviceName}/datacenters/${spec.datacenterId}`;
    while (performance.now() < end) {
      const pollStarted = performance.now();
      await ask('/api/session');
      await ask('/api/services');
      await Promise.all(['summary', 'hosts', 'filers', 'vms'].map((tail) => ask(`${dc}/${tail}`)));
      await delay(Math.max(0, Math.min(end, pollStarted + input.intervalMs) - performance.now()));
    }
    agent.destroy();
  };

  await Promise.all(input.screens.map(screen));
  return {
    latency: latencies(times),
    vmListLatency: latencies(vmTimes),
    answered,
    notModified,
    failures,
    errors,
    bodyBytes,
    signedIn,
  };
}

process.once('message', (input: ScreensInput) => {
  void runScreens(input).then((result) => process.send?.(result));
});
