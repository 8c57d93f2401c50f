import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { Log } from '../../logging';
import { OpenTsdbError, type OpenTsdbPoint } from './endpoint';
import { spawnEmbeddedWorker, ThreadedOpenTsdbEndpoint } from './threaded-endpoint';

const T0 = Date.now() - 3_600_000;
const points: OpenTsdbPoint[] = Array.from({ length: 2_500 }, (_, i) => ({
  metric: 'vscope.vm.cpu.ready',
  timestamp: T0,
  value: i,
  tags: { vm: `vm-${i}` },
}));
const sum = {
  start: T0 - 60_000,
  end: T0 + 60_000,
  queries: [{ metric: 'vscope.vm.cpu.ready', aggregator: 'sum' }],
};
const log: Log = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

const dirs: string[] = [];
const endpoints: ThreadedOpenTsdbEndpoint[] = [];
afterEach(async () => {
  await Promise.all(endpoints.splice(0).map((e) => e.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** An endpoint on a fresh directory, and the threads it started, each counting the messages sent to it. */
function threaded(dir = mkdtempSync(join(tmpdir(), 'threaded-tsdb-'))) {
  dirs.push(dir);
  const threads: { worker: Worker; messages: unknown[] }[] = [];
  const endpoint = new ThreadedOpenTsdbEndpoint(() => {
    const worker = spawnEmbeddedWorker(dir);
    const thread = { worker, messages: [] as unknown[] };
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (message: unknown) => {
      thread.messages.push(message);
      post(message);
    };
    threads.push(thread);
    return worker;
  }, log);
  endpoints.push(endpoint);
  return { dir, endpoint, threads };
}

const total = (results: { dps: unknown }[]) =>
  results.flatMap((r) => Object.values(r.dps as Record<string, number>)).reduce((a, b) => a + b, 0);

describe('ThreadedOpenTsdbEndpoint', () => {
  it('writes on its own thread, a thousand points a message, and answers what it wrote, also after a reopen', async () => {
    const { dir, endpoint, threads } = threaded();
    await endpoint.put(points);
    expect(threads).toHaveLength(1);
    expect(threads[0]!.messages).toHaveLength(3);
    expect(total(await endpoint.query(sum))).toBe((2_499 * 2_500) / 2);
    await endpoint.close();

    const again = threaded(dir).endpoint;
    expect(total(await again.query(sum))).toBe((2_499 * 2_500) / 2);
  });

  it('answers an unknown metric with the 400 OpenTSDB gives, which a graph reads as no data yet', async () => {
    const { endpoint } = threaded();
    const error = await endpoint
      .query({ ...sum, queries: [{ metric: 'nope', aggregator: 'sum' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenTsdbError);
    expect(error).toMatchObject({ status: 400, unknownMetric: true });
    expect((error as Error).message).toBe("embedded tsdb: No such name for 'metrics': 'nope'");
  });

  it('sends no further batch once its signal is aborted; what was sent stays written', async () => {
    const { endpoint, threads } = threaded();
    const stopping = new AbortController();
    const put = endpoint.put(points, stopping.signal);
    stopping.abort();
    await expect(put).rejects.toThrow(/abort/i);
    expect(threads[0]!.messages).toHaveLength(1);
    expect(total(await endpoint.query(sum))).toBe((999 * 1_000) / 2);
  });

  it('fails the calls of a thread that stopped with status 0, and starts another at the next call', async () => {
    const { endpoint, threads } = threaded();
    await endpoint.put(points.slice(0, 10));
    const pending = endpoint.query(sum);
    await threads[0]!.worker.terminate();
    await expect(pending).rejects.toThrow(/embedded tsdb: its thread stopped/);
    await expect(pending).rejects.toMatchObject({ status: 0 });

    expect(total(await endpoint.query(sum))).toBe(45);
    expect(threads).toHaveLength(2);
  });

  it('refuses calls once closed, without starting a thread', async () => {
    const { endpoint, threads } = threaded();
    await endpoint.close();
    await expect(endpoint.query(sum)).rejects.toThrow('embedded tsdb: it is closed');
    expect(threads).toHaveLength(0);
  });
});
