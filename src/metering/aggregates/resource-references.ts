// Resource mode (api.py _get_measures_by_name): each reference names metrics by fnmatch pattern inside every
// matching resource; one column per (resource, pattern, metric), in resource order, then reference order, then
// the resource's metric order. None at all is Gnocchi's 404 "Metric ['a', 'b'] does not exist".

import { notFound } from '../errors';
import type { MetricRef } from './operations';
import { pythonStrRepr } from './python-text';

/** Python's fnmatch.translate (POSIX, so case-sensitive) as a RegExp over the whole name. */
export function fnmatchPattern(pattern: string): RegExp {
  const chars = [...pattern];
  let out = '';
  for (let i = 0; i < chars.length;) {
    const c = chars[i++]!;
    if (c === '*') {
      while (chars[i] === '*') i++;
      out += '.*';
    } else if (c === '?') out += '.';
    else if (c === '[') {
      let j = i;
      if (chars[j] === '!') j++;
      if (chars[j] === ']') j++;
      while (j < chars.length && chars[j] !== ']') j++;
      if (j >= chars.length) out += '\\[';
      else {
        let set = chars.slice(i, j).join('').replaceAll('\\', '\\\\');
        i = j + 1;
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        else if (set.startsWith('^') || set.startsWith('[')) set = `\\${set}`;
        out += `[${set}]`;
      }
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^(?:${out})$`, 'su');
}

export interface NamedMetric {
  readonly name: string;
}

export interface ResourceColumn<R extends { readonly metrics: readonly NamedMetric[] }> {
  readonly resource: R;
  readonly metric: R['metrics'][number];
  /** The reference as written (the pattern), Gnocchi's lookup key with the aggregation. */
  readonly ref: MetricRef;
}

/** The columns of resource mode, or Gnocchi's 404 when no resource has a metric any reference names. */
export function resourceColumns<R extends { readonly metrics: readonly NamedMetric[] }>(
  resources: readonly R[],
  references: readonly MetricRef[],
): ResourceColumn<R>[] {
  const patterns = references.map((ref) => ({ ref, pattern: fnmatchPattern(ref.ref) }));
  const columns: ResourceColumn<R>[] = [];
  for (const resource of resources) {
    for (const { ref, pattern } of patterns) {
      for (const metric of resource.metrics)
        if (pattern.test(metric.name)) columns.push({ resource, metric, ref });
    }
  }
  if (columns.length === 0) throw notFound(noSuchMetric(references));
  return columns;
}

/** str(indexer.NoSuchMetric(sorted(set(names)))). */
export function noSuchMetric(references: readonly MetricRef[]): string {
  const names = [...new Set(references.map((r) => r.ref))].sort();
  return `Metric [${names.map(pythonStrRepr).join(', ')}] does not exist`;
}
