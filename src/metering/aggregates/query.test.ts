import { describe, expect, it } from 'vitest';
import { GnocchiError } from '../errors';
import { parseAggregatesQuery } from './query';

const NOW = Date.UTC(2026, 11, 6, 3, 0, 0) * 1000;

function description(query: Record<string, string | string[]>): unknown {
  try {
    parseAggregatesQuery(query, NOW);
  } catch (error) {
    if (error instanceof GnocchiError) return error.description;
    throw error;
  }
  throw new Error('expected a GnocchiError');
}

const ACCEPTABLE = "'0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'";

describe('the query of POST /v1/aggregates', () => {
  it('defaults to dropna when neither fill nor needed_overlap is given (api.py, not the processor)', () => {
    expect(parseAggregatesQuery({}, NOW)).toEqual({
      details: false,
      useHistory: false,
      groupby: [],
      fill: 'dropna',
    });
  });

  it('leaves fill unset when only needed_overlap is given, so the overlap rule applies', () => {
    const query = parseAggregatesQuery({ needed_overlap: '0.0' }, NOW);
    expect(query.fill).toBeUndefined();
    expect(query.neededOverlap).toBe(0);
  });

  it('leaves needed_overlap unset when only fill is given', () => {
    const query = parseAggregatesQuery({ fill: 'ffill' }, NOW);
    expect(query).toMatchObject({ fill: 'ffill' });
    expect(query.neededOverlap).toBeUndefined();
  });

  it.each([
    ['123', 123],
    [' 1.5 ', 1.5],
    ['inf', Infinity],
    ['null', 'null'],
    ['dropna', 'dropna'],
    ['ffill', 'ffill'],
    ['bfill', 'bfill'],
    ['full_ffill', 'full_ffill'],
    ['full_bfill', 'full_bfill'],
  ])('reads fill=%j', (text, fill) => {
    expect(parseAggregatesQuery({ fill: text }, NOW).fill).toBe(fill);
  });

  it('reads NaN as a float fill, as Coerce(float) does', () => {
    expect(parseAggregatesQuery({ fill: 'nan' }, NOW).fill).toBeNaN();
  });

  it('reads times, granularity, booleans and groupby', () => {
    expect(
      parseAggregatesQuery(
        {
          start: '2014-01-01T12:00:00+01:00',
          stop: '-1 day',
          granularity: '5min',
          needed_overlap: '50',
          details: ' YES ',
          use_history: 'off',
          groupby: ['project_id', 'flavor_id', 'project_id'],
        },
        NOW,
      ),
    ).toEqual({
      startUs: Date.UTC(2014, 0, 1, 11) * 1000,
      stopUs: NOW - 86_400_000_000,
      granularityUs: 300_000_000,
      neededOverlap: 50,
      details: true,
      useHistory: false,
      groupby: ['flavor_id', 'project_id'],
    });
  });

  it.each([
    [
      { needed_overlap: 'abc' },
      { cause: 'Argument value error', detail: 'needed_overlap', reason: 'Must be a number' },
    ],
    [
      { needed_overlap: '' },
      { cause: 'Argument value error', detail: 'needed_overlap', reason: 'Must be a number' },
    ],
    [
      { start: 'notadate' },
      { cause: 'Argument value error', detail: 'start', reason: 'Must be a datetime or a timestamp' },
    ],
    [
      { stop: 'xx' },
      { cause: 'Argument value error', detail: 'stop', reason: 'Must be a datetime or a timestamp' },
    ],
    [
      { granularity: 'abc' },
      { cause: 'Argument value error', detail: 'granularity', reason: 'Unable to parse timespan' },
    ],
    [
      { granularity: '-5' },
      { cause: 'Argument value error', detail: 'granularity', reason: 'Timespan must be positive' },
    ],
    [
      { granularity: '0' },
      { cause: 'Argument value error', detail: 'granularity', reason: 'Timespan must be positive' },
    ],
    [
      { fill: 'foobar', granularity: '5' },
      {
        cause: 'Argument value error',
        detail: 'fill',
        reason: "Must be a float, 'dropna', 'null', 'ffill', 'bfill', 'full_ffill' or 'full_bfill'",
      },
    ],
    [
      { details: 'maybe' },
      `Unable to parse \`details': Unrecognized value 'maybe', acceptable values are: ${ACCEPTABLE}`,
    ],
    [
      { details: ['a', 'b'] },
      `Unable to parse \`details': Unrecognized value '['a', 'b']', acceptable values are: ${ACCEPTABLE}`,
    ],
  ])('refuses %j', (query, expected) => {
    expect(description(query)).toEqual(expected);
  });

  it('checks in Gnocchi’s order: use_history, details, needed_overlap, start, stop, granularity, fill', () => {
    const all = { fill: 'x', granularity: 'x', stop: 'x', start: 'x', needed_overlap: 'x', details: 'x' };
    expect(description({ ...all, use_history: 'x' })).toMatch(/^Unable to parse `use_history'/);
    expect(description(all)).toMatch(/^Unable to parse `details'/);
    const order = ['needed_overlap', 'start', 'stop', 'granularity', 'fill'];
    order.forEach((name, i) => {
      const query = Object.fromEntries(order.slice(i).map((n) => [n, 'x']));
      expect(description(query)).toMatchObject({ detail: name });
    });
  });
});
