import { describe, expect, it } from 'vitest';
import { badFilterAnswer } from '../testing/gnocchi-answers';
import { combinedFilter } from './aggregates-request';
import { problemFromGnocchi, unbalancedAt } from './filter-problem';

const dc = { serviceName: 'pcc-1', datacenterId: 886 };

describe('unbalancedAt', () => {
  it('finds a stray closing parenthesis, or the last one left open, outside quoted strings', () => {
    expect(unbalancedAt('name = "a") or (b = 1')).toBe(10);
    expect(unbalancedAt('(a = 1 and (b = 2)')).toBe(0);
    expect(unbalancedAt('name = ")(" and (folder = \'x)\')')).toBeUndefined();
    expect(unbalancedAt('name = "a \\" )"')).toBeUndefined();
    expect(unbalancedAt('')).toBeUndefined();
  });
});

describe('problemFromGnocchi', () => {
  it("maps the engine's character index of the whole filter back into the text typed", () => {
    const search = 'name = ';
    expect(combinedFilter(dc, search)).toBe('(name = ) and service = "pcc-1" and datacenter_id = 886');
    expect(problemFromGnocchi(badFilterAnswer.description, search)).toEqual({
      kind: 'invalid',
      message: badFilterAnswer.description,
      at: 7,
    });
  });

  it('keeps the index inside the text when the parser stopped in the datacenter part', () => {
    expect(
      problemFromGnocchi('Invalid filter: Expected end of text (at char 60), (line:1, col:61)', 'a = 1')?.at,
    ).toBe(5);
  });

  it('explains an unknown attribute without a position, and ignores errors that are not about the filter', () => {
    expect(problemFromGnocchi('Resource type vm has no nam attribute', 'nam = "x"')).toEqual({
      kind: 'invalid',
      message: 'Resource type vm has no nam attribute',
      at: undefined,
    });
    expect(problemFromGnocchi('Unknown aggregation method', 'a = 1')).toBeUndefined();
  });
});
