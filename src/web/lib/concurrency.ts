// At most `max` tasks at a time, the rest queued in order. A task whose signal aborts while it waits leaves the
// queue without running: a table row scrolled out of view cancels its request before it is ever sent.

export type Limiter = <T>(task: () => Promise<T>, signal?: AbortSignal) => Promise<T>;

export function createLimiter(max: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  const startNext = () => {
    if (active < max) waiting.shift()?.();
  };

  return async (task, signal) => {
    signal?.throwIfAborted();
    await new Promise<void>((resolve, reject) => {
      const start = () => {
        signal?.removeEventListener('abort', onAbort);
        active += 1;
        resolve();
      };
      const onAbort = () => {
        const index = waiting.indexOf(start);
        if (index >= 0) waiting.splice(index, 1);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      waiting.push(start);
      startNext();
    });
    try {
      return await task();
    } finally {
      active -= 1;
      startNext();
    }
  };
}
