import { setTimeout } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';

// A worker thread that asks one cheap authenticated route on a fixed schedule, every few milliseconds, over a
// few connections (as screens do), and hands back each request's latency counted from when it was due, not from
// when it could leave (as wrk2 does): while the server stalls, every connection holds a request, and each counts
// the whole wait. A connection that comes back after its next slot asks at once rather than replay the slots it
// missed: on a loaded machine, the backlog would otherwise outlive the stall and be blamed on what follows.
// The server's own event loop cannot time its stalls.

/** Requests in flight at most. */
const CONNECTIONS = 16;

export interface ProbeOptions {
  url: string;
  cookie: string;
  everyMs: number;
}

/** A request: when it was due (ms since the epoch, comparable across threads) and how long its answer took. */
export interface ProbeSample {
  dueAt: number;
  ms: number;
}

export interface ProbeReport {
  samples: ProbeSample[];
  failures: number;
}

const clock = () => performance.timeOrigin + performance.now();

async function probe(port: NonNullable<typeof parentPort>, { url, cookie, everyMs }: ProbeOptions) {
  let stopped = false;
  port.once('message', () => (stopped = true));
  const report: ProbeReport = { samples: [], failures: 0 };
  let due = clock();
  const connection = async () => {
    while (!stopped) {
      // Behind: this connection was held, and the slots it missed are not replayed.
      const dueAt = Math.max(due, clock());
      due = dueAt + everyMs;
      const wait = dueAt - clock();
      if (wait > 0) await setTimeout(wait);
      try {
        const response = await fetch(url, { headers: { cookie } });
        await response.arrayBuffer();
        if (response.status === 200) report.samples.push({ dueAt, ms: clock() - dueAt });
        else report.failures += 1;
      } catch {
        report.failures += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, connection));
  port.postMessage(report);
}

if (parentPort) await probe(parentPort, workerData as ProbeOptions);
