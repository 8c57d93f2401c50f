import { describe, expect, it, vi } from 'vitest';
import type { Log } from '../logging';
import { spawnWorker, WorkerClient } from './worker-client';
import type { WorkerFailure } from './worker-protocol';

class EchoError extends Error {
  constructor(readonly failure: WorkerFailure) {
    super(`echo: ${failure.detail}`);
  }
}

function echoClient() {
  const log = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() } satisfies Log;
  const client = new WorkerClient<{ op: string; [key: string]: unknown }, string>({
    label: 'echo',
    spawn: () => spawnWorker(import.meta.url, './echo-worker', undefined),
    log,
    error: (failure) => new EchoError(failure),
    closeCall: { op: 'close' },
  });
  return { client, log };
}

describe('WorkerClient', () => {
  it("answers each call with the thread's result, and a failure with the thread's status and detail", async () => {
    const { client } = echoClient();
    try {
      const answers = await Promise.all(['a', 'b', 'c'].map((text) => client.call({ op: 'echo', text })));
      expect(answers).toEqual(['a', 'b', 'c']);
      const error = await client.call({ op: 'fail', status: 503 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EchoError);
      expect((error as EchoError).failure).toEqual({ status: 503, detail: 'refused' });
    } finally {
      await client.close();
    }
  });

  it("logs what the thread reports with the server's logger", async () => {
    const { client, log } = echoClient();
    try {
      await client.call({ op: 'log' });
      expect(log.error).toHaveBeenCalledWith(
        { err: 'Error: disk full' },
        'something went wrong on the thread',
      );
    } finally {
      await client.close();
    }
  });
});
