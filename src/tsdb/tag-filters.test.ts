import { describe, expect, it } from 'vitest';
import { TsdbError } from './errors';
import { createFilter, MAX_FILTER_LENGTH, MAX_REGEXP_LENGTH } from './tag-filters';

function refusal(run: () => unknown): TsdbError {
  try {
    run();
  } catch (e) {
    if (e instanceof TsdbError) return e;
    throw e;
  }
  throw new Error('expected a TsdbError');
}

describe('regexp filter', () => {
  it("is Java's find(): a substring match unless anchored", () => {
    const web = createFilter('regexp', 'host', 'web0[12]', false);
    expect(web.matches('xweb01y')).toBe(true);
    expect(web.matches('web03')).toBe(false);
    expect(web.matches(undefined)).toBe(false);
    const anchored = createFilter('regexp', 'host', '^web01$', false);
    expect(anchored.matches('xweb01')).toBe(false);
    expect(anchored.matches('web01')).toBe(true);
    expect(createFilter('regexp', 'host', '(?i)^WEB', false).matches('web01')).toBe(true);
  });

  // A backtracking engine needs 2^n steps for ^(a+)+$ against n a's and a mismatch: 5 000 characters would
  // never finish, so the test's timeout is what catches a return to such an engine.
  it('matches the ReDoS pattern ^(a+)+$ in linear time', () => {
    const filter = createFilter('regexp', 'host', '^(a+)+$', false);
    expect(filter.matches(`${'a'.repeat(40)}!`)).toBe(false);
    expect(filter.matches(`${'a'.repeat(5_000)}!`)).toBe(false);
    expect(filter.matches('a'.repeat(5_000))).toBe(true);
  });

  it.each([
    ['a backreference', '(a)\\1'],
    ['a lookahead', 'web(?=01)'],
    ['a lookbehind', '(?<=x)web'],
    ['a possessive quantifier', 'a++'],
    ['an unclosed class', '[web'],
  ])('refuses %s with a 400 naming RE2', (_name, pattern) => {
    const e = refusal(() => createFilter('regexp', 'host', pattern, false));
    expect(e.status).toBe(400);
    expect(e.message).toBe(`Invalid regular expression: ${pattern}`);
    expect(e.details).toContain('RE2 syntax');
  });

  it('refuses patterns too long to compile quickly, or compiling to too large a program', () => {
    const long = refusal(() => createFilter('regexp', 'host', 'a'.repeat(MAX_REGEXP_LENGTH + 1), false));
    expect(long.status).toBe(400);
    expect(long.message).toMatch(/^Regular expression too long/);
    const large = refusal(() => createFilter('regexp', 'host', '.{999}'.repeat(20), false));
    expect(large.status).toBe(400);
    expect(large.message).toMatch(/^Regular expression too large/);
  });
});

describe('wildcard filters', () => {
  it('glob whole values, case-sensitively or not, with regex characters taken literally', () => {
    expect(createFilter('wildcard', 'host', 'web*.ovh', false).matches('web01.ovh')).toBe(true);
    expect(createFilter('wildcard', 'host', 'web*.ovh', false).matches('WEB01.ovh')).toBe(false);
    expect(createFilter('iwildcard', 'host', 'web*.ovh', false).matches('WEB01.OVH')).toBe(true);
    expect(createFilter('wildcard', 'host', 'a.c*', false).matches('abc')).toBe(false);
    expect(createFilter('wildcard', 'host', '*(x)*', false).matches('1(x)2')).toBe(true);
  });

  // As a backtracking regex (^.*a.*a…b$) this glob takes minutes on 60 characters.
  it('match a many-star glob in linear time', () => {
    const filter = createFilter('wildcard', 'host', '*a*a*a*a*a*a*a*a*a*b', false);
    expect(filter.matches('a'.repeat(5_000))).toBe(false);
  });

  it('refuse a filter expression longer than the limit', () => {
    const e = refusal(() => createFilter('literal_or', 'host', 'a'.repeat(MAX_FILTER_LENGTH + 1), false));
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/^Filter too long/);
  });
});
