import { describe, expect, it } from 'vitest';
import { JsonNumber, JsonSyntaxError, jsonItems } from './json-number-kinds';

describe('jsonItems', () => {
  it('hands over the items of a top-level array, or a lone value, keeping 1 apart from 1.0', () => {
    expect([...jsonItems(' [1, 1.0, "a", {"k": [true, null]}] ')]).toEqual([
      new JsonNumber(1, true),
      new JsonNumber(1, false),
      'a',
      Object.assign(Object.create(null) as object, { k: [true, null] }),
    ]);
    expect([...jsonItems('[]')]).toEqual([]);
    expect([...jsonItems('{"v": 1e3}')]).toEqual([
      Object.assign(Object.create(null) as object, { v: new JsonNumber(1000, false) }),
    ]);
  });

  it('reads escaped strings as JSON does and refuses raw control characters', () => {
    expect([...jsonItems('["web\\u0030\\"1\\"", "tab\\there"]')]).toEqual(['web0"1"', 'tab\there']);
    expect(() => [...jsonItems('["a\tb"]')]).toThrow(JsonSyntaxError);
  });

  it('throws for a syntax error anywhere, trailing content included, before the iteration ends', () => {
    const items = jsonItems('[1, 2] x');
    expect(items.next().value).toEqual(new JsonNumber(1, true));
    expect(items.next().value).toEqual(new JsonNumber(2, true));
    expect(() => items.next()).toThrow('Unexpected trailing content at position 7');
    expect(() => [...jsonItems('[1, 2,]')]).toThrow(JsonSyntaxError);
    expect(() => [...jsonItems('[1 2]')]).toThrow("Expected ',' or ']'");
  });
});
