import { getAggregator } from './aggregators';
import { parseDownsample } from './downsample-spec';
import { badRequest } from './errors';
import { checkNameLength } from './name-limits';
import type { SubQuery, TsQuery } from './query-model';
import { withDetails } from './query-parse';
import type { RateOptions } from './rate';
import { DEFAULT_RATE_OPTIONS } from './rate';
import type { TagFilter } from './tag-filters';
import { filterFromShorthand } from './tag-filters';
import { parseTime } from './time-parse';

// The GET form of /api/query: `start`, `end`, presence flags and one or more
// `m=agg:[rate{..}:][downsample:][explicit_tags:]metric{group-by filters}{other filters}` (QueryRpc.parseMTypeSubQuery).
// As in OpenTSDB 2.3–2.5, the GET path never reads `timezone`.

export type QueryString = Readonly<Record<string, string | readonly string[] | undefined>>;

function all(qs: QueryString, key: string): readonly string[] {
  const v = qs[key];
  return v === undefined ? [] : typeof v === 'string' ? [v] : v;
}

/** Flags are presence-based in OpenTSDB: `&ms=false` still turns ms on. */
export function hasFlag(qs: QueryString, key: string): boolean {
  return qs[key] !== undefined;
}

export function parseQueryString(qs: QueryString, nowMs: number): TsQuery {
  const details = `TSQuery(${new URLSearchParams(Object.entries(qs).flatMap(([k, v]) => (v === undefined ? [] : (typeof v === 'string' ? [v] : v).map((x) => [k, x])))).toString()})`;
  return withDetails(details, () => {
    const start = all(qs, 'start')[0];
    if (!start) throw badRequest('Missing start time');
    const mTypes = all(qs, 'm');
    if (mTypes.length === 0) throw badRequest('Missing queries');
    const startMs = parseTime(start, nowMs, 'UTC');
    const end = all(qs, 'end')[0];
    const endMs = end ? parseTime(end, nowMs, 'UTC') : nowMs;
    if (endMs < startMs)
      throw badRequest(`End time [${endMs}] must be greater than the start time [${startMs}]`);
    const unique = [...new Set(mTypes)];
    return {
      startMs,
      endMs,
      timezone: 'UTC',
      msResolution: hasFlag(qs, 'ms'),
      showQuery: hasFlag(qs, 'show_query'),
      arrays: hasFlag(qs, 'arrays'),
      queries: unique.map((m, index) => parseMType(m, index)),
    };
  });
}

function parseMType(m: string, index: number): SubQuery {
  const parts = m.split(':');
  if (parts.length < 2 || parts.length > 5) {
    throw badRequest(
      `Invalid parameter m=${m} (${parts.length < 2 ? 'not enough' : 'too many'} :-separated parts)`,
    );
  }
  const aggregator = getAggregator(parts[0] ?? '');
  const { metric, filters } = parseMetricAndFilters(parts[parts.length - 1] ?? '');
  checkNameLength('metric', metric);
  let rate = false;
  let rateOptions = DEFAULT_RATE_OPTIONS;
  let downsampleText: string | undefined;
  let explicitTags = false;
  for (const part of parts.slice(1, -1)) {
    const lower = part.toLowerCase();
    if (lower.startsWith('rate')) {
      rate = true;
      if (part.includes('{')) rateOptions = parseRateSpec(part);
    } else if (/^\d/.test(part)) {
      downsampleText = part;
    } else if (lower.startsWith('explicit_tags')) {
      explicitTags = true;
    }
  }
  return {
    index,
    metric,
    aggregator,
    downsample: downsampleText ? parseDownsample(downsampleText) : undefined,
    rate,
    rateOptions,
    filters,
    explicitTags,
  };
}

/** `rate{counter[,max[,reset]]}`, `rate{dropcounter,,35}` sets dropResets. */
function parseRateSpec(spec: string): RateOptions {
  if (spec.length === 4) return DEFAULT_RATE_OPTIONS;
  if (spec.length < 6) throw badRequest(`Invalid rate options specification: ${spec}`);
  const parts = spec.slice(5, -1).split(',');
  if (parts.length > 3) {
    throw badRequest(
      `Incorrect number of values in rate options specification, must be counter[,counter max value,reset value], recieved: ${parts.length} parts`,
    );
  }
  const [kind = '', max = '', reset = ''] = parts;
  const long = (v: string, what: string, fallback: number) => {
    if (v === '') return fallback;
    if (!/^[-+]?\d+$/.test(v)) throw badRequest(`${what} of counter was not a number, received '${v}'`);
    return Number(v);
  };
  return {
    counter: kind.endsWith('counter'),
    counterMax: long(max, 'Max value', DEFAULT_RATE_OPTIONS.counterMax),
    resetValue: long(reset, 'Reset value', DEFAULT_RATE_OPTIONS.resetValue),
    dropResets: kind === 'dropcounter',
  };
}

/** `metric{k=v,...}{k=v,...}`: the first braces group, the second only filter. */
function parseMetricAndFilters(text: string): { metric: string; filters: TagFilter[] } {
  const open = text.indexOf('{');
  if (open < 0) return { metric: text, filters: [] };
  const metric = text.slice(0, open);
  if (!text.endsWith('}')) throw badRequest(`Missing '}' at the end of: ${text}`);
  const close = text.indexOf('}', open);
  const groups = text.slice(open + 1, close);
  const rest = text.slice(close + 1);
  const filters = [...braceFilters(groups, true, text)];
  if (rest !== '') {
    if (!rest.startsWith('{')) throw badRequest(`Invalid filter specification: ${text}`);
    filters.push(...braceFilters(rest.slice(1, -1), false, text));
  }
  return { metric, filters };
}

function braceFilters(body: string, groupBy: boolean, whole: string): TagFilter[] {
  if (body.trim() === '') return [];
  return body.split(',').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) throw badRequest(`invalid tag: ${pair} in ${whole}`);
    return filterFromShorthand(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim(), groupBy);
  });
}
