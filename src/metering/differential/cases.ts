import fc from 'fast-check';
import type { FilterNode } from './search-grammar';
import { filterArb, filterJson, filterText } from './search-grammar';
import type { OpNode, RefResolver } from './operations-grammar';
import {
  metricIdRefArb,
  nameRefArb,
  operationsArb,
  operationsJson,
  operationsText,
} from './operations-grammar';
import type { ResourceSpec } from './workload';
import { POLICIES, METRIC_POLICY, SPAN_MINUTES, BASE_MS, isoAt, resourcesArb } from './workload';

// The requests of one run, drawn from a seed: measure reads, searches and aggregates, each rendered for a side
// once that side's metric ids are known.

/** Only the fills 4.4.2 knows (see differences.ts, "ffill-bfill"). */
export const FILLS = ['0', '-1.5', 'null', 'dropna'] as const;

export interface MeasureRead {
  readonly resource: number;
  readonly metric: string;
  readonly aggregation?: string;
  readonly granularity?: string;
  readonly start?: string;
  readonly stop?: string;
  readonly resample?: string;
  readonly fill?: string;
}
export interface SearchCase {
  readonly form: 'json' | 'text';
  readonly filter: FilterNode;
}
export interface AggregatesCase {
  readonly mode: 'metric' | 'resource';
  readonly form: 'text' | 'json';
  readonly operations: OpNode;
  readonly query: Readonly<Record<string, string>>;
  readonly groupby: readonly string[];
  readonly search?: SearchCase;
}
export interface Workload {
  readonly resources: readonly ResourceSpec[];
  readonly reads: readonly MeasureRead[];
  readonly searches: readonly SearchCase[];
  readonly aggregates: readonly AggregatesCase[];
}

/** A bound inside (or just outside) the measures' two hours, as an ISO string or epoch seconds. */
const boundArb = fc
  .record({ minute: fc.integer({ min: -10, max: SPAN_MINUTES + 10 }), epoch: fc.boolean() })
  .map(({ minute, epoch }) => (epoch ? String((BASE_MS + minute * 60_000) / 1000) : isoAt(minute)));

const optional = <T>(arb: fc.Arbitrary<T>, freq = 2) => fc.option(arb, { freq, nil: undefined });

function readArb(resources: readonly ResourceSpec[]): fc.Arbitrary<MeasureRead> {
  const owned = resources.flatMap((r) => r.metrics.map((metric) => ({ resource: r.index, metric })));
  return fc.constantFrom(...owned).chain(({ resource, metric }) => {
    const policy = POLICIES[METRIC_POLICY[metric] ?? 'fine'];
    return fc.record(
      {
        resource: fc.constant(resource),
        metric: fc.constant(metric),
        aggregation: optional(fc.constantFrom(...policy.aggregation_methods)),
        granularity: optional(fc.constantFrom('60', '300', '3600', '5min')),
        start: optional(boundArb),
        stop: optional(boundArb),
        // resample needs a granularity (400 "A granularity must be specified to resample" from both otherwise)
        resample: optional(fc.constantFrom('300', '600', '1h'), 1),
        fill: optional(fc.constantFrom('0', 'null'), 4),
      },
      { requiredKeys: ['resource', 'metric'] },
    );
  });
}

export function searchArb(prefix: string): fc.Arbitrary<SearchCase> {
  return fc.record({ form: fc.constantFrom('json' as const, 'text' as const), filter: filterArb(prefix) });
}

function queryArb(): fc.Arbitrary<Record<string, string>> {
  return fc
    .record({
      granularity: optional(fc.constantFrom('60', '300', '3600', '5min', '1 hour'), 1),
      start: optional(boundArb),
      stop: optional(boundArb),
      needed_overlap: optional(fc.constantFrom('0', '50', '100'), 1),
      fill: optional(fc.constantFrom(...FILLS), 1),
      details: optional(fc.constantFrom('true', 'False'), 4),
    })
    .map(
      (q) =>
        Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Record<string, string>,
    );
}

function aggregatesArb(prefix: string, resources: readonly ResourceSpec[]): fc.Arbitrary<AggregatesCase> {
  const form = fc.constantFrom('text' as const, 'json' as const);
  const metricMode = fc.record({
    mode: fc.constant('metric' as const),
    form,
    operations: operationsArb(metricIdRefArb(resources)),
    query: queryArb(),
    groupby: fc.constant([]),
  });
  const resourceMode = fc.record({
    mode: fc.constant('resource' as const),
    form,
    operations: operationsArb(nameRefArb()),
    query: queryArb(),
    groupby: fc.subarray(['host', 'folder', 'vcpus', 'active', 'user_id'], { maxLength: 2 }),
    search: searchArb(prefix),
  });
  return fc.oneof(metricMode, resourceMode);
}

export function workloadArb(
  prefix: string,
  sizes = { resources: 8, reads: 30, searches: 60, aggregates: 150 },
) {
  return resourcesArb(sizes.resources).chain((resources) =>
    fc.record({
      resources: fc.constant(resources),
      reads: fc.array(readArb(resources), { minLength: sizes.reads, maxLength: sizes.reads }),
      searches: fc.array(searchArb(prefix), { minLength: sizes.searches, maxLength: sizes.searches }),
      aggregates: fc.array(aggregatesArb(prefix, resources), {
        minLength: sizes.aggregates,
        maxLength: sizes.aggregates,
      }),
    }),
  );
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: unknown;
}

const withQuery = (path: string, params: [string, string][]) =>
  `${path}?${new URLSearchParams([['refresh', 'true'], ...params]).toString()}`;

export function readRequest(read: MeasureRead, type: string, resourceId: string): HttpRequest {
  const params: [string, string][] = [];
  for (const k of ['aggregation', 'granularity', 'start', 'stop', 'resample', 'fill'] as const) {
    const v = read[k];
    if (v !== undefined) params.push([k, v]);
  }
  return {
    method: 'GET',
    path: withQuery(`/v1/resource/${type}/${resourceId}/metric/${read.metric}/measures`, params),
  };
}

export function searchRequest(search: SearchCase, type: string): HttpRequest {
  return search.form === 'json'
    ? { method: 'POST', path: `/v1/search/resource/${type}`, body: filterJson(search.filter) }
    : {
        method: 'POST',
        path: `/v1/search/resource/${type}?${new URLSearchParams({ filter: filterText(search.filter) }).toString()}`,
      };
}

export function aggregatesRequest(c: AggregatesCase, type: string, resolve: RefResolver): HttpRequest {
  const operations =
    c.form === 'text' ? operationsText(c.operations, resolve) : operationsJson(c.operations, resolve);
  const params: [string, string][] = [
    ...Object.entries(c.query),
    ...c.groupby.map((g): [string, string] => ['groupby', g]),
  ];
  const body: Record<string, unknown> = { operations };
  if (c.mode === 'resource') {
    body.resource_type = type;
    body.search =
      c.search === undefined
        ? {}
        : c.search.form === 'json'
          ? filterJson(c.search.filter)
          : filterText(c.search.filter);
  }
  return { method: 'POST', path: withQuery('/v1/aggregates', params), body };
}
