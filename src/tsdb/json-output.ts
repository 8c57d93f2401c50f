import type { QueryResult } from './query-engine';
import type { TsQuery } from './query-model';

// Writes /api/query results the way OpenTSDB's Jackson serializer does: integer results as longs, every other
// value as a Java double (`2.0`, `9.3E11`), NaN as the string "NaN" (or null with the `null` fill policy),
// second keys unless msResolution. The text is built directly: JSON.stringify cannot write `2.0`.

/** Java's Double.toString for finite values. */
export function javaDouble(v: number): string {
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(v);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(v);
    return s.includes('.') || s.includes('e') ? s : `${s}.0`;
  }
  const [mantissa = '', exponent = '0'] = v.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

function value(v: number, isInteger: boolean, nullFill: boolean): string {
  if (Number.isNaN(v)) return nullFill ? 'null' : '"NaN"';
  if (!Number.isFinite(v)) return v > 0 ? '"Infinity"' : '"-Infinity"';
  return isInteger ? String(Math.trunc(v)) : javaDouble(v);
}

export function serializeResults(results: readonly QueryResult[], query: TsQuery): string {
  return `[${results.map((r) => serializeResult(r, query)).join(',')}]`;
}

function serializeResult(r: QueryResult, query: TsQuery): string {
  const nullFill = r.subQuery.downsample?.fill === 'null';
  const key = (ts: number) => String(query.msResolution ? ts : Math.trunc(ts / 1000));
  const dps = query.arrays
    ? `[${r.dps.map((p) => `[${key(p.ts)},${value(p.value, p.isInteger, nullFill)}]`).join(',')}]`
    : `{${r.dps.map((p) => `"${key(p.ts)}":${value(p.value, p.isInteger, nullFill)}`).join(',')}}`;
  const head = [
    `"metric":${JSON.stringify(r.metric)}`,
    `"tags":${JSON.stringify(r.tags)}`,
    `"aggregateTags":${JSON.stringify(r.aggregateTags)}`,
  ];
  if (query.showQuery) head.push(`"query":${JSON.stringify(describeSubQuery(r.subQuery))}`);
  return `{${head.join(',')},"dps":${dps}}`;
}

/** The serialized TSSubQuery of showQuery; `tags` lists only the group-by filters as `type(filter)`. */
export function describeSubQuery(sub: QueryResult['subQuery']): Record<string, unknown> {
  const tags: Record<string, string> = {};
  for (const f of sub.filters) if (f.groupBy) tags[f.tagk] = `${f.type}(${f.filter})`;
  return {
    aggregator: sub.aggregator.name,
    metric: sub.metric,
    tsuids: null,
    downsample: sub.downsample?.text ?? null,
    rate: sub.rate,
    filters: sub.filters.map((f) => ({ tagk: f.tagk, filter: f.filter, group_by: f.groupBy, type: f.type })),
    explicitTags: sub.explicitTags,
    index: sub.index,
    tags,
    rateOptions: sub.rate ? sub.rateOptions : null,
    percentiles: null,
  };
}
