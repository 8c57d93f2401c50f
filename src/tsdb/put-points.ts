import type { JsonValue } from './json-number-kinds';
import { JsonNumber } from './json-number-kinds';
import { nameLengthProblem } from './name-limits';
import type { IncomingPoint } from './store';

// Validation of /api/put data points, one by one as PutDataPointRpc does: a bad point is reported with
// OpenTSDB's message and the good ones are still stored.

export interface PutError {
  readonly datapoint: unknown;
  readonly error: string;
}

/** Above 2^32 - 1 a timestamp is taken as milliseconds (OpenTSDB's SECOND_MASK test). */
const MAX_SECONDS = 0xffffffff;
/** Up to year 2286 in ms, the range OpenTSDB accepts. */
const MAX_MS = 9_999_999_999_999;

export function toPlainJson(v: JsonValue): unknown {
  if (v instanceof JsonNumber) return v.value;
  if (Array.isArray(v)) return v.map(toPlainJson);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toPlainJson(x)]));
  }
  return v;
}

const NAME_CHAR = /^[\p{L}\p{N}\-_./]+$/u;

function checkName(kind: string, name: string): string | undefined {
  const tooLong = nameLengthProblem(kind, name);
  if (tooLong) return tooLong;
  if (NAME_CHAR.test(name)) return undefined;
  const bad = [...name].find((c) => !NAME_CHAR.test(c)) ?? '';
  return `Invalid ${kind} ("${name}"): illegal character: ${bad}`;
}

/** The point, or OpenTSDB's message for what is wrong with it. */
export function parsePoint(item: JsonValue): IncomingPoint | string {
  if (item === null || typeof item !== 'object' || Array.isArray(item) || item instanceof JsonNumber) {
    return 'Unable to parse the data point';
  }
  const metric = item.metric;
  if (typeof metric !== 'string' || metric === '') return 'Metric name was empty';
  const ts = parseTimestamp(item.timestamp);
  if (ts === undefined) return 'Invalid timestamp';
  const value = parseValue(item.value);
  if (typeof value === 'string') return value;
  const tags = item.tags;
  if (tags === null || typeof tags !== 'object' || Array.isArray(tags) || tags instanceof JsonNumber)
    return 'Missing tags';
  const entries = Object.entries(tags);
  if (entries.length === 0) return 'Missing tags';
  const plainTags: Record<string, string> = {};
  for (const [k, v] of entries) {
    const tagv = v instanceof JsonNumber ? String(v.value) : v;
    if (typeof tagv !== 'string' || tagv === '')
      return `Invalid tag value for "${k}": must be a non-empty string`;
    const problem = checkName('tag name', k) ?? checkName('tag value', tagv);
    if (problem) return problem;
    plainTags[k] = tagv;
  }
  const metricProblem = checkName('metric', metric);
  if (metricProblem) return metricProblem;
  return { metric, tags: plainTags, ts, value: value.value, isInteger: value.isInteger };
}

function parseTimestamp(v: JsonValue | undefined): number | undefined {
  let n: number;
  if (v instanceof JsonNumber) n = v.value;
  else if (typeof v === 'string' && /^\d+$/.test(v)) n = Number(v);
  else return undefined;
  if (!Number.isSafeInteger(n) || n <= 0) return undefined;
  const ms = n > MAX_SECONDS ? n : n * 1000;
  return ms > MAX_MS ? undefined : ms;
}

function parseValue(v: JsonValue | undefined): { value: number; isInteger: boolean } | string {
  if (v instanceof JsonNumber) {
    return Number.isFinite(v.value)
      ? { value: v.value, isInteger: v.isInteger }
      : `value is NaN or Infinite: ${v.value}`;
  }
  if (typeof v !== 'string' || v.trim() === '') return 'Empty value';
  const text = v.trim();
  if (/^[-+]?\d+$/.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? { value: n, isInteger: true } : 'Unable to parse value to a number';
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) {
    if (/^[-+]?(nan|infinity)$/i.test(text)) return `value is NaN or Infinite: ${text}`;
    return 'Unable to parse value to a number';
  }
  const n = Number(text);
  return Number.isFinite(n) ? { value: n, isInteger: false } : `value is NaN or Infinite: ${text}`;
}
