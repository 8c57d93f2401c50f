import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK_POINTS, packChunkRuns, unpackChunkRuns } from './backend';

describe('chunks packed as runs', () => {
  const g = 300_000_000;
  const chunk = 5_000;
  const chunkSeries = fc
    .uniqueArray(fc.integer({ min: 0, max: CHUNK_POINTS - 1 }), { maxLength: CHUNK_POINTS })
    .chain((indexes) =>
      fc
        .array(fc.constantFrom(0, -0, 1, 2, NaN, Infinity, -Infinity, 0.1, 1e300), {
          minLength: indexes.length,
          maxLength: indexes.length,
        })
        .map((values) => ({ indexes: [...indexes].sort((a, b) => a - b), values })),
    );

  it('read back bit for bit, -0, NaN and gaps included', () => {
    fc.assert(
      fc.property(chunkSeries, ({ indexes, values }) => {
        const timestamps = Float64Array.from(indexes, (i) => (chunk * CHUNK_POINTS + i) * g);
        const back = unpackChunkRuns(
          packChunkRuns({ timestamps, values: Float64Array.from(values) }, g, chunk),
          g,
          chunk,
        );
        expect(Array.from(back.timestamps)).toEqual(Array.from(timestamps));
        back.values.forEach((v, i) => expect(Object.is(v, values[i])).toBe(true));
      }),
    );
  });
});
