import { describe, expect, it } from 'vitest';
import { likeFilter } from './like';

describe('likeFilter', () => {
  it('matches the value anywhere in the name, in any case', () => {
    const dev = likeFilter('dev');
    expect(['dev', 'devops', 'webdev', 'DEV', 'Dev2'].every(dev)).toBe(true);
    expect(dev('de-v')).toBe(false);
  });

  it('reads % and _ as SQL wildcards and every other character literally', () => {
    expect(likeFilter('a%n')('admin')).toBe(true);
    expect(likeFilter('d_v')('dav')).toBe(true);
    expect(likeFilter('d_v')('dv')).toBe(false);
    expect(likeFilter('a.b')('axb')).toBe(false);
    expect(likeFilter('a.b')('a.b')).toBe(true);
    expect(likeFilter('(x)')('(x)')).toBe(true);
  });
});
