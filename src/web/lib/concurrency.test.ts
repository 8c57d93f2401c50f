import { describe, expect, it } from 'vitest';
import { createLimiter } from './concurrency';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createLimiter', () => {
  it('runs at most `max` tasks at once, the others in order as slots free up', async () => {
    const limit = createLimiter(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const results = gates.map((gate, i) =>
      limit(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await Promise.resolve();
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve();
    await results[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3]);
  });

  it('drops a waiting task whose signal aborts, without running it', async () => {
    const limit = createLimiter(1);
    const gate = deferred();
    const first = limit(() => gate.promise);
    const controller = new AbortController();
    let ran = false;
    const second = limit(() => {
      ran = true;
      return Promise.resolve();
    }, controller.signal);
    controller.abort(new Error('scrolled away'));
    await expect(second).rejects.toThrow('scrolled away');
    gate.resolve();
    await first;
    expect(ran).toBe(false);
    await expect(limit(() => Promise.resolve('next'))).resolves.toBe('next');
  });
});
