import {
  CAPACITY_AGGREGATIONS,
  CAPACITY_GRANULARITIES,
  CAPACITY_GROUPINGS,
  type CapacityGrouping,
  type CapacityResourceType,
} from '@/shared/capacity/catalog';
import { readRange, withRange, type GraphRange, type RangeProblem } from '@/web/components/time-range/range';

// What the Capacity page shows, all of it in the URL so a view can be bookmarked, shared and reloaded:
// `?measure=vcpus&group=folder&agg=mean&gran=7200&q=power_state = "poweredOn"&period=month`.

/** What is measured: what the VMs (or filers) were given, against what the hosts (or filers) offer. */
export const MEASURES = {
  vcpus: {
    resourceType: 'vm',
    metric: 'vcpus',
    offered: { resourceType: 'host', metric: 'vcpus' },
    unit: 'vcpu',
    groupings: CAPACITY_GROUPINGS,
  },
  memory: {
    resourceType: 'vm',
    metric: 'memory',
    offered: { resourceType: 'host', metric: 'memory' },
    unit: 'MB',
    groupings: CAPACITY_GROUPINGS,
  },
  storage: {
    resourceType: 'filer',
    metric: 'disk.provisioned',
    offered: { resourceType: 'filer', metric: 'disk.size' },
    unit: 'GB',
    groupings: ['name', 'global'],
  },
} as const satisfies Record<
  string,
  {
    resourceType: CapacityResourceType;
    metric: string;
    offered: { resourceType: CapacityResourceType; metric: string };
    unit: 'vcpu' | 'MB' | 'GB';
    groupings: readonly string[];
  }
>;

export type MeasureName = keyof typeof MEASURES;
export const MEASURE_NAMES = Object.keys(MEASURES) as MeasureName[];
export type Aggregation = (typeof CAPACITY_AGGREGATIONS)[number];
export type Grouping = CapacityGrouping | 'name' | 'global';

export interface CapacityView {
  measure: MeasureName;
  range: GraphRange;
  /** Absent: one aggregate of everything the search matches. */
  group?: Grouping;
  /** How each resource's metric is rolled up in a bucket (the archive policy's methods). */
  aggregation: Aggregation;
  /** Seconds; absent: the one that suits the range. */
  granularity?: number;
  /** The user's filter, in Gnocchi's query-string syntax; ANDed with the datacenter's own. */
  search: string;
}

export const DEFAULT_VIEW: Omit<CapacityView, 'range'> = {
  measure: 'vcpus',
  aggregation: 'mean',
  search: '',
};

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.find((v) => v === value);

export function readView(params: URLSearchParams): { view: CapacityView; rangeProblem?: RangeProblem } {
  const { range, problem } = readRange(params);
  const measure = oneOf(MEASURE_NAMES, params.get('measure')) ?? DEFAULT_VIEW.measure;
  const granularity = Number(params.get('gran'));
  return {
    view: {
      measure,
      range: params.has('period') || params.has('from') ? range : { period: 'month' },
      group: oneOf<Grouping>(MEASURES[measure].groupings, params.get('group')),
      aggregation: oneOf(CAPACITY_AGGREGATIONS, params.get('agg')) ?? DEFAULT_VIEW.aggregation,
      granularity: CAPACITY_GRANULARITIES.find((g) => g === granularity),
      search: params.get('q') ?? '',
    },
    rangeProblem: problem,
  };
}

/** `params` showing `view`, every other parameter (theme, lang, tz…) kept; defaults are left out. */
export function withView(params: URLSearchParams, view: CapacityView): URLSearchParams {
  const next = withRange(params, view.range);
  const set = (key: string, value: string | undefined, fallback?: string) => {
    if (value === undefined || value === '' || value === fallback) next.delete(key);
    else next.set(key, value);
  };
  set('measure', view.measure, DEFAULT_VIEW.measure);
  set('group', view.group);
  set('agg', view.aggregation, DEFAULT_VIEW.aggregation);
  set('gran', view.granularity?.toString());
  set('q', view.search);
  return next;
}
