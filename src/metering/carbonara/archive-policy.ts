// Archive policies as Gnocchi 4.4.2 validates, derives and prints them (rest/api.py's voluptuous schema, then
// archive_policy.ArchivePolicy and ArchivePolicyItem). The schema's messages and their first-error order
// (the body's own key order, then missing keys) were checked against a running 4.4.2.
//
// Gnocchi computes granularity and timespan in nanoseconds; the engine keeps microseconds. The derivation is
// done in nanoseconds (BigInt, since a year exceeds 2^53 ns) and only its result rounded to microseconds the
// way Python's timedelta prints it, so "1 hour over 7 points" prints as Gnocchi prints it.

import type { GnocchiError } from '../errors';
import { badRequest } from '../errors';
import { parsePyTimespan } from '../timespan';
import { pythonFloat } from '../python-float';

export interface ArchivePolicyItem {
  readonly granularityUs: number;
  /** null when the item gave a granularity alone: Gnocchi then keeps every point. */
  readonly points: number | null;
  readonly timespanUs: number | null;
}

export interface ArchivePolicy {
  readonly name: string;
  readonly backWindow: number;
  readonly definition: readonly ArchivePolicyItem[];
  /** Expanded as ArchivePolicy.aggregation_methods expands them, in a fixed order (see listOrder). */
  readonly aggregationMethods: readonly string[];
}

const BASE_METHODS = ['mean', 'sum', 'last', 'max', 'min', 'std', 'median', 'first', 'count'];
const PLAIN_METHODS = [...BASE_METHODS, ...Array.from({ length: 99 }, (_, i) => `${i + 1}pct`)];
/** ArchivePolicy.VALID_AGGREGATION_METHODS: the plain methods and each as `rate:X`. */
export const VALID_AGGREGATION_METHODS: readonly string[] = [
  ...PLAIN_METHODS,
  ...PLAIN_METHODS.map((m) => `rate:${m}`),
];
const VALID = new Set(VALID_AGGREGATION_METHODS);
/** VALID_AGGREGATION_METHODS_VALUES: also `*` and each method with a `+` or `-` in front (no `rate:*`). */
const VALID_VALUES = new Set([
  ...VALID_AGGREGATION_METHODS,
  '*',
  ...VALID_AGGREGATION_METHODS.map((m) => `-${m}`),
  ...VALID_AGGREGATION_METHODS.map((m) => `+${m}`),
]);

/** The `[archive_policy] default_aggregation_methods` option's default. */
export const DEFAULT_AGGREGATION_METHODS: readonly string[] = ['mean', 'min', 'max', 'sum', 'std', 'count'];

export function isValidAggregationMethod(name: string): boolean {
  return VALID.has(name);
}

// Gnocchi lists the methods in Python set order, which depends on the process's string hash seed: a restarted
// Gnocchi lists the same policy in another order. Any fixed order is as right; this one reads well.
const RANK = new Map(VALID_AGGREGATION_METHODS.map((m, i) => [m, i]));
function listOrder(methods: Iterable<string>): string[] {
  return [...methods].sort((a, b) => (RANK.get(a) ?? Infinity) - (RANK.get(b) ?? Infinity));
}

/**
 * ArchivePolicy.aggregation_methods. Mixing plain names with `+x`/`-x` keeps the `+x`/`-x` entries themselves
 * in the set, as 4.4.2 does (it lists `["max", "-count", "mean", "+mean"]` for `["max", "+mean", "-count"]`);
 * storage computes only the valid names among them.
 */
export function expandAggregationMethods(requested: readonly string[]): string[] {
  const unique = [...new Set(requested)];
  let methods: Set<string>;
  if (unique.includes('*')) methods = new Set(VALID_AGGREGATION_METHODS);
  else if (unique.every((m) => m.startsWith('-') || m.startsWith('+')))
    methods = new Set(DEFAULT_AGGREGATION_METHODS);
  else methods = new Set(unique);
  for (const entry of unique) {
    if (entry.startsWith('-')) methods.delete(entry.slice(1));
    else if (entry.startsWith('+')) methods.add(entry.slice(1));
  }
  return listOrder(methods);
}

// ---- voluptuous's messages ----

type PathPart = string | number;

function pyRepr(part: PathPart): string {
  if (typeof part === 'number') return String(part);
  const quote = part.includes("'") && !part.includes('"') ? '"' : "'";
  const escaped = part.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`);
  return `${quote}${escaped}${quote}`;
}

/** voluptuous.Invalid as Gnocchi answers it: `{cause: "Invalid input", reason: str(e), detail: e.path}`. */
function invalid(message: string, path: readonly PathPart[], forValue: boolean): GnocchiError {
  const where = path.length === 0 ? '' : ` @ data[${path.map(pyRepr).join('][')}]`;
  return badRequest({
    cause: 'Invalid input',
    reason: `${message}${forValue ? ' for dictionary value' : ''}${where}`,
    detail: path.map(String),
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** voluptuous.Coerce(int): Python's int() of a number, a bool or integer text. */
function coerceInt(value: unknown): number | null {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : null;
  if (typeof value === 'string' && /^\s*[+-]?\d(_?\d)*\s*$/.test(value))
    return Number(value.trim().replaceAll('_', ''));
  return null;
}

/** utils.to_timespan in nanoseconds, `int(seconds * 10e8)`; throws the schema's message text. */
function timespanNs(value: unknown): bigint {
  if (value === null || value === undefined) throw new Error('Invalid timespan');
  let seconds: number | null = null;
  if (typeof value === 'number') seconds = value;
  else if (typeof value === 'boolean') seconds = value ? 1 : 0;
  else if (typeof value === 'string') seconds = pythonFloat(value) ?? parsePyTimespan(value);
  if (seconds === null) throw new Error('Unable to parse timespan');
  if (Number.isNaN(seconds)) throw new Error('cannot convert float NaN to integer');
  if (!Number.isFinite(seconds)) throw new Error('cannot convert float infinity to integer');
  const ns = BigInt(Math.trunc(seconds * 1e9));
  if (ns <= 0n) throw new Error('Timespan must be positive');
  return ns;
}

interface RawItem {
  granularityNs?: bigint;
  points?: number;
  timespanNs?: bigint;
}

const ITEM_KEYS = ['granularity', 'points', 'timespan'];

function validateItem(item: unknown, index: number): RawItem {
  const path = ['definition', index];
  if (!isObject(item)) throw invalid('expected a dictionary', path, false);
  const out: RawItem = {};
  for (const [key, value] of Object.entries(item)) {
    if (!ITEM_KEYS.includes(key)) throw invalid('extra keys not allowed', [...path, key], false);
    if (key === 'points') {
      const points = coerceInt(value);
      if (points === null) throw invalid('expected int', [...path, key], true);
      if (points < 1) throw invalid('value must be at least 1', [...path, key], true);
      out.points = points;
      continue;
    }
    let ns: bigint;
    try {
      ns = timespanNs(value);
    } catch (error) {
      throw invalid((error as Error).message, [...path, key], true);
    }
    if (key === 'granularity') out.granularityNs = ns;
    else out.timespanNs = ns;
  }
  return out;
}

/** Python's timedelta rounding of a nanosecond count to microseconds (half to even). */
function nsToUs(ns: bigint): number {
  let us = ns / 1000n;
  const rest = ns % 1000n;
  if (rest > 500n || (rest === 500n && us % 2n === 1n)) us += 1n;
  return Number(us);
}

/** ArchivePolicyItem.__init__: any two of granularity/points/timespan, with its ValueError texts. */
function deriveItem(item: RawItem): { item: ArchivePolicyItem; granularityNs: bigint } {
  let { granularityNs, points, timespanNs: timespan } = item;
  if (granularityNs !== undefined && points !== undefined && timespan !== undefined) {
    if (timespan !== granularityNs * BigInt(points)) throw badRequest('timespan ≠ granularity × points');
  }
  if (granularityNs === undefined) {
    if (points === undefined || timespan === undefined)
      throw badRequest('At least two of granularity/points/timespan must be provided');
    // numpy's timedelta64 / float: a float division cast back to integer nanoseconds.
    granularityNs = BigInt(Math.trunc(Number(timespan) / points));
  }
  if (points === undefined) {
    if (timespan === undefined)
      return {
        item: { granularityUs: nsToUs(granularityNs), points: null, timespanUs: null },
        granularityNs,
      };
    points = Math.trunc(Number(timespan) / Number(granularityNs));
    if (points <= 0) throw badRequest('Calculated number of points is < 0');
  }
  timespan = granularityNs * BigInt(points);
  return {
    item: { granularityUs: nsToUs(granularityNs), points, timespanUs: nsToUs(timespan) },
    granularityNs,
  };
}

/** Python's str() of a float, as the duplicate-granularity message prints `60.0`. */
export function pyFloatString(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`;
  const text = String(value);
  if (Math.abs(value) >= 1e-4 && Math.abs(value) < 1e16) return text;
  // Python writes exponents with at least two digits: 1e-05, 1e+16.
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** A POST /v1/archive_policy body → policy, or Gnocchi's 400 with its exact description. */
export function parseArchivePolicy(body: unknown): ArchivePolicy {
  if (!isObject(body)) throw invalid('expected a dictionary', [], false);
  let name: string | undefined;
  let backWindow = 0;
  let requested: string[] = [...DEFAULT_AGGREGATION_METHODS];
  let items: RawItem[] | undefined;
  for (const [key, value] of Object.entries(body)) {
    switch (key) {
      case 'name':
        if (typeof value !== 'string') throw invalid('expected str', [key], true);
        name = value;
        break;
      case 'back_window': {
        const coerced = coerceInt(value);
        if (coerced === null) throw invalid('expected int', [key], true);
        if (coerced < 0) throw invalid('value must be at least 0', [key], true);
        backWindow = coerced;
        break;
      }
      case 'aggregation_methods':
        if (!Array.isArray(value)) throw invalid('expected a list', [key], true);
        value.forEach((method: unknown, i) => {
          if (typeof method !== 'string' || !VALID_VALUES.has(method))
            throw invalid('not a valid value', [key, i], false);
        });
        requested = value as string[];
        break;
      case 'definition':
        if (!Array.isArray(value)) throw invalid('expected a list', [key], true);
        items = value.map(validateItem);
        if (items.length < 1) throw invalid('length of value must be at least 1', [key], true);
        break;
      default:
        throw invalid('extra keys not allowed', [key], false);
    }
  }
  if (name === undefined) throw invalid('required key not provided', ['name'], false);
  if (items === undefined) throw invalid('required key not provided', ['definition'], false);

  const derived = items.map(deriveItem);
  const seen = new Map<bigint, number>();
  for (const { granularityNs } of derived) seen.set(granularityNs, (seen.get(granularityNs) ?? 0) + 1);
  for (const [granularityNs, count] of seen) {
    if (count > 1)
      throw badRequest(
        `More than one archive policy uses granularity \`${pyFloatString(Number(granularityNs) / 1e9)}'`,
      );
  }
  return {
    name,
    backWindow,
    definition: derived.map((d) => d.item),
    aggregationMethods: expandAggregationMethods(requested),
  };
}

/**
 * PATCH /v1/archive_policy/NAME: a new definition for `policy`, with the same granularities (only points or
 * timespans may change), or Gnocchi's 400. Unlike creation, duplicate granularities are not looked for: the
 * comparison with the current ones refuses them.
 */
export function patchArchivePolicy(policy: ArchivePolicy, body: unknown): ArchivePolicy {
  if (!isObject(body)) throw invalid('expected a dictionary', [], false);
  let items: RawItem[] | undefined;
  for (const [key, value] of Object.entries(body)) {
    if (key !== 'definition') throw invalid('extra keys not allowed', [key], false);
    if (!Array.isArray(value)) throw invalid('expected a list', [key], true);
    items = value.map(validateItem);
    if (items.length < 1) throw invalid('length of value must be at least 1', [key], true);
  }
  if (items === undefined) throw invalid('required key not provided', ['definition'], false);
  const definition = items.map((item) => deriveItem(item).item);
  const unsupported = (message: string) =>
    badRequest(`Archive policy ${policy.name} does not support change: ${message}`);
  if (definition.length !== policy.definition.length) throw unsupported('Cannot add or drop granularities');
  const current = policy.definition.map((d) => d.granularityUs).sort((a, b) => a - b);
  const wanted = definition.map((d) => d.granularityUs).sort((a, b) => a - b);
  current.forEach((granularityUs, i) => {
    if (granularityUs !== wanted[i])
      throw unsupported(`${pyFloatString(granularityUs / 1e6)} granularity interval was changed`);
  });
  return { ...policy, definition };
}

/** str(datetime.timedelta(microseconds=us)): `0:01:00`, `1 day, 0:00:00`, `0:00:00.500000`. */
export function formatTimedelta(us: number): string {
  const days = Math.floor(us / 86_400_000_000);
  let rest = us - days * 86_400_000_000;
  const micros = rest % 1_000_000;
  rest = (rest - micros) / 1_000_000;
  const hours = Math.floor(rest / 3600);
  const minutes = Math.floor((rest % 3600) / 60);
  const seconds = rest % 60;
  const clock = `${hours}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}${
    micros === 0 ? '' : `.${String(micros).padStart(6, '0')}`
  }`;
  return days === 0 ? clock : `${days} day${days === 1 ? '' : 's'}, ${clock}`;
}

/** The policy as GET /v1/archive_policy/NAME prints it in 4.4.2 (ArchivePolicyItem.jsonify). */
export function archivePolicyJson(policy: ArchivePolicy): Record<string, unknown> {
  return {
    name: policy.name,
    back_window: policy.backWindow,
    definition: policy.definition.map((item) => ({
      timespan: item.timespanUs === null ? null : formatTimedelta(item.timespanUs),
      granularity: formatTimedelta(item.granularityUs),
      points: item.points,
    })),
    aggregation_methods: [...policy.aggregationMethods],
  };
}

const SECOND = 1_000_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function item(granularityUs: number, timespanUs: number): ArchivePolicyItem {
  return { granularityUs, points: timespanUs / granularityUs, timespanUs };
}

/** archive_policy.DEFAULT_ARCHIVE_POLICIES, which gnocchi-upgrade creates, in the order 4.4.2 lists them. */
export const DEFAULT_ARCHIVE_POLICIES: readonly ArchivePolicy[] = [
  { name: 'bool', backWindow: 3600, definition: [item(SECOND, 365 * DAY)], aggregationMethods: ['last'] },
  {
    name: 'low',
    backWindow: 0,
    definition: [item(5 * MINUTE, 30 * DAY)],
    aggregationMethods: expandAggregationMethods(DEFAULT_AGGREGATION_METHODS),
  },
  {
    name: 'medium',
    backWindow: 0,
    definition: [item(MINUTE, 7 * DAY), item(HOUR, 365 * DAY)],
    aggregationMethods: expandAggregationMethods(DEFAULT_AGGREGATION_METHODS),
  },
  {
    name: 'high',
    backWindow: 0,
    definition: [item(SECOND, HOUR), item(MINUTE, 7 * DAY), item(HOUR, 365 * DAY)],
    aggregationMethods: expandAggregationMethods(DEFAULT_AGGREGATION_METHODS),
  },
];
