import { fork } from 'node:child_process';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { fileURLToPath } from 'node:url';

// A closed-loop HTTP load for the server benches, run in a process of its own. autocannon was the first load
// generator here, but it appends every response body to a string (a 1.5 MB gzip body decoded as UTF-8 took it
// about 50 ms), so against a large list it measured itself; and in the server's process (its worker thread
// included) it shared the server's CPU and its process.cpuUsage. This client reads each body as Buffers and
// only counts them, over node's native HTTP parser, and `loadInChild` runs it apart from the server.

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  connections: number;
  durationMs: number;
}

export interface Latencies {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export interface LoadResult {
  /** Answers of any status, per second of the run. */
  perSecond: number;
  /** Milliseconds from each request sent to its body read whole. */
  latency: Latencies;
  /** Answers with a status other than 2xx or 304. */
  non2xx: number;
  /** Requests that failed without an answer (a reset, a refused connection). */
  errors: number;
  /** Body bytes read, as they came on the wire (still encoded). */
  bytes: number;
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  bytes: number;
  ms: number;
}

/** One request whose body is read and counted, never decoded. As a browser does, a request whose reused
 * keep-alive connection the server closed as it was sent is sent once more, on a new connection. */
export function timedRequest(
  url: string,
  options: { agent?: Agent; headers?: Record<string, string>; localAddress?: string; method?: string },
  body?: string,
  retried = false,
): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, options, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          bytes,
          ms: performance.now() - started,
        }),
      );
      response.on('error', reject);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (req.reusedSocket && error.code === 'ECONNRESET' && !retried)
        resolve(timedRequest(url, options, body, true));
      else reject(error);
    });
    req.end(body);
  });
}

export function latencies(values: number[]): Latencies {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN };
}

export const isAnswered = (status: number) => (status >= 200 && status < 300) || status === 304;

/** `connections` loops, each asking again as soon as its answer is read, for `durationMs`. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const times: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let bytes = 0;
  const started = performance.now();
  const end = started + options.durationMs;
  const loop = async () => {
    while (performance.now() < end) {
      try {
        const answer = await timedRequest(options.url, { agent, headers: options.headers });
        times.push(answer.ms);
        bytes += answer.bytes;
        if (!isAnswered(answer.status)) non2xx += 1;
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  const elapsed = performance.now() - started;
  agent.destroy();
  return { perSecond: (times.length * 1000) / elapsed, latency: latencies(times), non2xx, errors, bytes };
}

/**
 * Runs `script` (a module of this folder that answers one message with one message) in a child process under
 * tsx, hands it `input` and returns its answer: the load and the server then have a process each, as a screen
 * and the server would.
 */
export function inChild<I, O>(script: string, input: I): Promise<O> {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  return new Promise<O>((resolve, reject) => {
    child.once('message', (answer) => {
      resolve(answer as O);
      child.disconnect();
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it answered`)));
    child.send(input as object);
  });
}

export const loadInChild = (options: LoadOptions) =>
  inChild<LoadOptions, LoadResult>('./http-load-child.ts', options);
