import { describe, expect, it } from 'vitest';
import { GnocchiError } from '@/metering';
import { datacenterFilter, idFilter, scopedSearchJson } from './scoped-search';

const SCOPE = datacenterFilter(new Set(['pcc-1/1', 'pcc-2/3']));
const DC1_OR_3 = {
  or: [
    { and: [{ '=': { service: 'pcc-1' } }, { '=': { datacenter_id: 1 } }] },
    { and: [{ '=': { service: 'pcc-2' } }, { '=': { datacenter_id: 3 } }] },
  ],
};

const scoped = (search: unknown) => JSON.parse(scopedSearchJson(search, SCOPE)) as unknown;

describe('datacenterFilter', () => {
  it('is an `or` of (service, datacenter_id) pairs, the id a number, a slash in a service name kept', () => {
    expect(SCOPE).toEqual(DC1_OR_3);
    expect(datacenterFilter(new Set(['a/b/7']))).toEqual({
      or: [{ and: [{ '=': { service: 'a/b' } }, { '=': { datacenter_id: 7 } }] }],
    });
  });
});

describe('idFilter', () => {
  it('names the ids, or matches nothing (Gnocchi refuses an empty `in`)', () => {
    expect(idFilter(['a', 'b'])).toEqual({ in: { id: ['a', 'b'] } });
    const none = idFilter([]) as { and: Record<string, { id: string }>[] };
    expect(Object.keys(none.and[0]!)).toEqual(['=']);
    expect(Object.keys(none.and[1]!)).toEqual(['!=']);
    expect(none.and[0]!['=']!.id).toBe(none.and[1]!['!=']!.id);
  });
});

describe('scopedSearchJson', () => {
  it('is the scope alone for no filter or an empty one, which Gnocchi takes for none', () => {
    for (const search of [undefined, null, {}]) expect(scoped(search)).toEqual(DC1_OR_3);
  });

  it('ands a JSON filter beside the scope, an `or` at its top staying inside its own branch', () => {
    const mine = { or: [{ '=': { datacenter_id: 2 } }, { '=': { name: 'x' } }] };
    expect(scoped(mine)).toEqual({ and: [DC1_OR_3, mine] });
  });

  it('parses the text syntax as Gnocchi does, so `or` and parentheses cannot reach past the scope', () => {
    expect(scoped('datacenter_id = 2 or name = "x"')).toEqual({
      and: [DC1_OR_3, { or: [{ '=': { name: 'x' } }, { '=': { datacenter_id: 2 } }] }],
    });
    // Joined as text, `(scope) and (…)` around this would close the scope's parenthesis early.
    expect(() => scoped('name = "x") or (datacenter_id = 2')).toThrow(GnocchiError);
    expect(scoped('name = "a) or (b"')).toEqual({ and: [DC1_OR_3, { '=': { name: 'a) or (b' } }] });
  });

  it('keeps the text syntax’s numbers Python floats, as Gnocchi’s parser makes them', () => {
    const text = scopedSearchJson('datacenter_id = 2 and name != 1e300', SCOPE);
    expect(text).toContain('{"=":{"datacenter_id":2.0}}');
    expect(text).toContain('{"!=":{"name":1e+300}}');
  });

  it('answers a text syntax error with Gnocchi’s 400', () => {
    try {
      scopedSearchJson('name ==', SCOPE);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GnocchiError);
      expect((error as GnocchiError).status).toBe(400);
      expect((error as GnocchiError).message).toMatch(/^Invalid filter: /);
    }
  });
});
