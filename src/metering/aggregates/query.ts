// The query string of POST /v1/aggregates, checked in Gnocchi's order (use_history, details, then
// validate_qs: needed_overlap, start, stop, granularity, fill) with its 400s.

import { argumentError, badRequest } from '../errors';
import { TimespanError, toTimespanUs, toTimestampUs } from '../timespan';
import type { Fill } from './grid';
import { pythonFloat } from '../python-float';
import { coerceFloat, pythonStrRepr } from './python-text';

export type { Fill } from './grid';

export interface AggregatesQuery {
  startUs?: number;
  stopUs?: number;
  granularityUs?: number;
  /** Percent; undefined only when a fill is given (then it is not used). */
  neededOverlap?: number;
  /** Undefined is Gnocchi's None: no fill, the overlap rule applies. */
  fill?: Fill;
  details: boolean;
  groupby: string[];
  useHistory: boolean;
}

type QueryValue = string | string[] | undefined;

const TRUE_STRINGS = ['1', 't', 'true', 'on', 'y', 'yes'];
const FALSE_STRINGS = ['0', 'f', 'false', 'off', 'n', 'no'];
const ACCEPTABLE = [...TRUE_STRINGS, ...FALSE_STRINGS]
  .sort()
  .map((s) => `'${s}'`)
  .join(', ');
const FILL_WORDS = ['null', 'dropna', 'ffill', 'bfill', 'full_ffill', 'full_bfill'] as const;

/** str() of a query value as Python holds it: a repeated parameter is a list. */
function pythonStr(value: string | string[]): string {
  return Array.isArray(value) ? `[${value.map(pythonStrRepr).join(', ')}]` : value;
}

/** oslo's bool_from_string(strict=True), through Gnocchi's "Unable to parse `name'". */
function strictBool(name: string, value: QueryValue): boolean {
  if (value === undefined) return false;
  const text = pythonStr(value);
  const lowered = text.trim().toLowerCase();
  if (TRUE_STRINGS.includes(lowered)) return true;
  if (FALSE_STRINGS.includes(lowered)) return false;
  throw badRequest(
    `Unable to parse \`${name}': Unrecognized value '${text}', acceptable values are: ${ACCEPTABLE}`,
  );
}

function timestamp(name: string, value: string | string[], nowUs: number): number {
  try {
    if (Array.isArray(value)) throw new TimespanError('Unable to convert timestamps');
    return toTimestampUs(value, nowUs);
  } catch (error) {
    if (error instanceof TimespanError) throw argumentError(name, 'Must be a datetime or a timestamp');
    throw error;
  }
}

function granularity(value: string | string[]): number {
  try {
    // Gnocchi fails with a 500 on a repeated granularity; a 400 says more.
    if (Array.isArray(value)) throw new TimespanError('Unable to parse timespan');
    return toTimespanUs(value);
  } catch (error) {
    if (error instanceof TimespanError) throw argumentError('granularity', error.message);
    throw error;
  }
}

function fill(value: string | string[]): Fill {
  if (!Array.isArray(value)) {
    const number = coerceFloat(value);
    if (number !== null) return number;
    const word = FILL_WORDS.find((w) => w === value);
    if (word) return word;
  }
  throw argumentError(
    'fill',
    "Must be a float, 'dropna', 'null', 'ffill', 'bfill', 'full_ffill' or 'full_bfill'",
  );
}

/** Gnocchi's arg_to_list, then sorted(set(...)) as the resource mode uses it. */
function groupbyOf(value: QueryValue): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  const unique = [...new Set(list)];
  // Python sorts str by code point; JavaScript's default sort compares UTF-16 units.
  return unique.sort((a, b) => {
    const x = [...a];
    const y = [...b];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
      if (d !== 0) return d;
    }
    return x.length - y.length;
  });
}

/**
 * The query of POST /v1/aggregates. With neither `fill` nor `needed_overlap`, fill is "dropna" (api.py's
 * post(), not the processor, whose own default is no fill with 100% overlap).
 */
export function parseAggregatesQuery(query: Record<string, QueryValue>, nowUs: number): AggregatesQuery {
  const useHistory = strictBool('use_history', query.use_history);
  const details = strictBool('details', query.details);
  const rawFill = query.fill ?? (query.needed_overlap === undefined ? 'dropna' : undefined);
  const result: AggregatesQuery = { details, useHistory, groupby: groupbyOf(query.groupby) };
  if (query.needed_overlap !== undefined) {
    const needed = Array.isArray(query.needed_overlap) ? null : pythonFloat(query.needed_overlap);
    if (needed === null) throw argumentError('needed_overlap', 'Must be a number');
    result.neededOverlap = needed;
  }
  if (query.start !== undefined) result.startUs = timestamp('start', query.start, nowUs);
  if (query.stop !== undefined) result.stopUs = timestamp('stop', query.stop, nowUs);
  if (query.granularity !== undefined) result.granularityUs = granularity(query.granularity);
  if (rawFill !== undefined) result.fill = fill(rawFill);
  return result;
}
