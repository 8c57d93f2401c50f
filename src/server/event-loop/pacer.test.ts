import { describe, expect, it } from 'vitest';
import { inBatches, Pacer } from './pacer';

/** Holds the thread, as a slice of a recorder's work does. */
const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe('Pacer', () => {
  it('lets the waiting callbacks run once a slice has lasted sliceMs, and not before', async () => {
    const pacer = new Pacer(undefined, 10);
    let ran = false;
    setImmediate(() => (ran = true));
    await pacer.pace();
    expect(ran).toBe(false);
    busy(15);
    await pacer.pace();
    expect(ran).toBe(true);
  });

  it('throws once its signal is aborted', async () => {
    const stopping = new AbortController();
    const pacer = new Pacer(stopping.signal);
    await pacer.pace();
    stopping.abort();
    await expect(pacer.pace()).rejects.toThrow(/abort/i);
  });
});

describe('inBatches', () => {
  it('hands every item over in order, with the event loop free between two long batches', async () => {
    const batches: number[][] = [];
    let turns = 0;
    const beat = () => {
      turns += 1;
      if (batches.length < 3) setImmediate(beat);
    };
    setImmediate(beat);
    await inBatches([1, 2, 3, 4, 5], 2, new Pacer(undefined, 5), (batch) => {
      batches.push([...batch]);
      busy(10);
      return Promise.resolve();
    });
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
    expect(turns).toBeGreaterThanOrEqual(2);
  });

  it('starts no further batch once aborted', async () => {
    const stopping = new AbortController();
    const batches: number[][] = [];
    const work = inBatches([1, 2, 3, 4, 5], 2, new Pacer(stopping.signal), (batch) => {
      batches.push([...batch]);
      stopping.abort();
      return Promise.resolve();
    });
    await expect(work).rejects.toThrow(/abort/i);
    expect(batches).toEqual([[1, 2]]);
  });
});
