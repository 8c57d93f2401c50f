import { getAggregator } from './aggregators';
import { parseDownsample } from './downsample-spec';
import { badRequest, TsdbError } from './errors';
import { checkNameLength } from './name-limits';
import type { SubQuery, TsQuery } from './query-model';
import type { RateOptions } from './rate';
import { DEFAULT_RATE_OPTIONS } from './rate';
import type { TagFilter } from './tag-filters';
import { createFilter, filterFromShorthand } from './tag-filters';
import { parseTime } from './time-parse';
import { checkTimezone } from './zoned-time';

// Turns the POST body of /api/query into a TsQuery, with OpenTSDB's validation order and messages.
// Validation errors carry the request as details, like TSQuery.toString() does.

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function flag(v: unknown): boolean {
  return v === true || v === 'true';
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** Attaches the request to a validation error, as OpenTSDB puts TSQuery.toString() in `details`. */
export function withDetails<T>(details: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof TsdbError && e.details === undefined) throw new TsdbError(e.status, e.message, details);
    throw e;
  }
}

export interface QueryFlags {
  readonly arrays: boolean;
}

export function parseQueryBody(body: unknown, nowMs: number, flags: QueryFlags): TsQuery {
  if (!isObject(body)) throw badRequest('Unable to parse the given JSON', 'The query must be a JSON object');
  const details = `TSQuery(${JSON.stringify(body)})`;
  return withDetails(details, () => {
    const timezone = text(body.timezone) ?? 'UTC';
    checkTimezone(timezone);
    const startText = text(body.start);
    if (startText === undefined || startText === '') throw badRequest('Missing start time');
    if (!Array.isArray(body.queries) || body.queries.length === 0) throw badRequest('Missing queries');
    const startMs = parseTime(startText, nowMs, timezone);
    const endText = text(body.end);
    const endMs = endText === undefined || endText === '' ? nowMs : parseTime(endText, nowMs, timezone);
    if (endMs < startMs)
      throw badRequest(`End time [${endMs}] must be greater than the start time [${startMs}]`);
    const useCalendar = flag(body.useCalendar);
    const unique = new Map<string, unknown>();
    for (const q of body.queries as unknown[]) unique.set(JSON.stringify(q), q);
    const queries = [...unique.values()].map((q, index) => parseSubQuery(q, index, useCalendar));
    return {
      startMs,
      endMs,
      timezone,
      msResolution: flag(body.msResolution),
      showQuery: flag(body.showQuery),
      arrays: flags.arrays,
      queries,
    };
  });
}

function parseSubQuery(q: unknown, index: number, useCalendar: boolean): SubQuery {
  if (!isObject(q)) throw badRequest('Unable to parse the given JSON', 'Each query must be a JSON object');
  const aggName = text(q.aggregator);
  if (!aggName) throw badRequest('Missing the aggregation function');
  const aggregator = getAggregator(aggName);
  const metric = text(q.metric);
  if (!metric) throw badRequest('Missing the metric or tsuids, provide at least one');
  checkNameLength('metric', metric);
  const dsText = text(q.downsample);
  const parsedDs = dsText ? parseDownsample(dsText) : undefined;
  const downsample =
    parsedDs && useCalendar && parsedDs.interval ? { ...parsedDs, calendar: true } : parsedDs;
  return {
    index,
    metric,
    aggregator,
    downsample,
    rate: flag(q.rate),
    rateOptions: parseRateOptionsObject(q.rateOptions),
    filters: subQueryFilters(q),
    explicitTags: flag(q.explicitTags),
  };
}

function numberOr(v: unknown, fallback: number): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return fallback;
}

function parseRateOptionsObject(raw: unknown): RateOptions {
  if (!isObject(raw)) return DEFAULT_RATE_OPTIONS;
  return {
    counter: flag(raw.counter),
    counterMax: numberOr(raw.counterMax, DEFAULT_RATE_OPTIONS.counterMax),
    resetValue: numberOr(raw.resetValue, DEFAULT_RATE_OPTIONS.resetValue),
    dropResets: flag(raw.dropResets),
  };
}

/**
 * Jackson calls setTags / setFilters in the order of the JSON keys, and each replaces what the other set, so
 * with both present the later key wins (the docs call it indeterminate).
 */
function subQueryFilters(raw: Json): TagFilter[] {
  const keys = Object.keys(raw);
  const tagsAt = raw.tags === undefined ? -1 : keys.indexOf('tags');
  const filtersAt = raw.filters === undefined ? -1 : keys.indexOf('filters');
  return tagsAt > filtersAt ? filtersFromTags(raw.tags) : filtersFromJson(raw.filters);
}

function filtersFromTags(raw: unknown): TagFilter[] {
  if (raw === undefined || raw === null) return [];
  if (!isObject(raw)) throw badRequest('Unable to parse the given JSON', 'tags must be an object');
  return Object.entries(raw).map(([k, v]) => filterFromShorthand(k, text(v) ?? '', true));
}

function filtersFromJson(raw: unknown): TagFilter[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw badRequest('Unable to parse the given JSON', 'filters must be an array');
  return raw.map((f: unknown) => {
    if (!isObject(f)) throw badRequest('Unable to parse the given JSON', 'Each filter must be an object');
    return createFilter(
      text(f.type) ?? '',
      text(f.tagk) ?? '',
      text(f.filter) ?? '',
      flag(f.groupBy) || flag(f.group_by),
    );
  });
}
