import { describe, expect, it } from 'vitest';
import { bandPath } from './band-path';

const x = (t: number) => t * 10;
const y = (v: number) => 100 - v;

describe('bandPath', () => {
  it('goes along the maxima and back along the minima, closed', () => {
    const rows = [
      { t: 0, s0Band: [1, 5] as [number, number] },
      { t: 1, s0Band: [2, 6] as [number, number] },
    ];
    expect(bandPath(rows, 's0Band', x, y)).toBe('M0,95L10,94L10,98L0,99Z');
  });

  it('leaves a gap where the band is unknown instead of bridging it', () => {
    const rows = [
      { t: 0, s0Band: [1, 5] as [number, number] },
      { t: 1, s0Band: null },
      { t: 2, s0Band: [2, 6] as [number, number] },
      { t: 3, s0Band: [3, 7] as [number, number] },
    ];
    expect(bandPath(rows, 's0Band', x, y)).toBe('M0,95L0,99ZM20,94L30,93L30,97L20,98Z');
  });

  it('is empty without any known band', () => {
    expect(bandPath([{ t: 0, s0Band: null }], 's0Band', x, y)).toBe('');
  });
});
