import fc from 'fast-check';
import { COMPARISON_OPERATORS } from '../aggregates/operators';
import { POLICIES, METRIC_POLICY, METRIC_NAMES } from './workload';
import type { ResourceSpec } from './workload';

// `operations` trees generated from the aggregates grammar (rest/aggregates/operations.py), rendered per side
// (metric ids differ between the servers) in the string form or the JSON list form.

/** A metric reference: in metric-id mode a resource's metric (its id is looked up per side), or an id nobody
 *  has; in resource mode a metric name or wildcard. */
export type Ref =
  | { readonly kind: 'metric'; readonly resource: number; readonly name: string }
  | { readonly kind: 'unknown'; readonly id: string }
  | { readonly kind: 'name'; readonly name: string };
export type OpNode =
  | {
      readonly kind: 'metric';
      readonly refs: readonly (readonly [Ref, string])[];
      readonly listForm: boolean;
    }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly (OpNode | number | string)[] };

const REDUCERS = ['mean', 'median', 'std', 'min', 'max', 'sum', 'var', 'count'];
/** What both versions resample with: 4.4.2 takes only AGG_MAP's reducers, the newer Gnocchi drops `var` and adds
 *  first, last and the percentiles (see differences.ts, "resample-methods"). */
const RESAMPLERS = ['mean', 'median', 'std', 'min', 'max', 'sum', 'count'];
/** `max` (numpy fmax) is left out: 4.4.2 has no such operator (see differences.ts, "max-operator"). */
const BINARY = [
  '+',
  'add',
  '-',
  'sub',
  '*',
  'mul',
  '/',
  'div',
  '**',
  'pow',
  '%',
  'mod',
  '×',
  '÷',
  '^',
  ...COMPARISON_OPERATORS,
  'clip_min',
  'clip_max',
];
const UNARY = ['abs', 'absolute', 'neg', 'negative', 'cos', 'sin', 'tan', 'floor', 'ceil'];

const methodsOf = (name: string): readonly string[] =>
  POLICIES[METRIC_POLICY[name] ?? 'fine'].aggregation_methods;

/** The aggregation asked of a metric: mostly one its policy stores, sometimes one it does not (404 from both). */
const aggregationFor = (name: string) =>
  fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...methodsOf(name)) },
    { weight: 1, arbitrary: fc.constant('min') },
  );

export function metricIdRefArb(resources: readonly ResourceSpec[]): fc.Arbitrary<readonly [Ref, string]> {
  const owned = resources.flatMap((r) => r.metrics.map((name) => ({ resource: r.index, name })));
  return fc.oneof(
    {
      weight: 20,
      arbitrary: fc
        .constantFrom(...owned)
        .chain((m) =>
          aggregationFor(m.name).map((agg): readonly [Ref, string] => [{ kind: 'metric', ...m }, agg]),
        ),
    },
    {
      weight: 1,
      arbitrary: fc.constant<readonly [Ref, string]>([
        { kind: 'unknown', id: '3f6d2c1e-0000-4000-8000-00000000dead' },
        'mean',
      ]),
    },
  );
}

export function nameRefArb(): fc.Arbitrary<readonly [Ref, string]> {
  return fc.oneof(
    {
      weight: 10,
      arbitrary: fc
        .constantFrom(...METRIC_NAMES)
        .chain((name) =>
          aggregationFor(name).map((agg): readonly [Ref, string] => [{ kind: 'name', name }, agg]),
        ),
    },
    // wildcards: `c*` matches cpu only; `*u` cpu and vcpus (both store mean); a name nobody has
    {
      weight: 2,
      arbitrary: fc
        .constantFrom('c*', '*u', 'cp?')
        .map((name): readonly [Ref, string] => [{ kind: 'name', name }, 'mean']),
    },
    { weight: 1, arbitrary: fc.constant<readonly [Ref, string]>([{ kind: 'name', name: 'nosuch' }, 'mean']) },
  );
}

export function operationsArb(refArb: fc.Arbitrary<readonly [Ref, string]>, depth = 3): fc.Arbitrary<OpNode> {
  const metric = fc
    .record({ refs: fc.array(refArb, { minLength: 1, maxLength: 3 }), listForm: fc.boolean() })
    .map(({ refs, listForm }): OpNode => ({ kind: 'metric', refs, listForm: listForm || refs.length > 1 }));
  if (depth === 0) return metric;
  const sub = operationsArb(refArb, depth - 1);
  const call = (name: fc.Arbitrary<string>, ...args: fc.Arbitrary<OpNode | number | string>[]) =>
    fc.tuple(name, ...args).map(([n, ...a]): OpNode => ({ kind: 'call', name: n, args: a }));
  const operand = fc.oneof(
    { weight: 3, arbitrary: sub },
    { weight: 2, arbitrary: fc.constantFrom(0, 1, 2, -1.5, 10) },
  );
  return fc.oneof(
    { weight: 4, arbitrary: metric },
    { weight: 3, arbitrary: call(fc.constant('aggregate'), fc.constantFrom(...REDUCERS), sub) },
    {
      weight: 1,
      arbitrary: call(
        fc.constant('rolling'),
        fc.constantFrom(...REDUCERS),
        fc.integer({ min: 1, max: 4 }),
        sub,
      ),
    },
    {
      weight: 1,
      arbitrary: call(
        fc.constant('resample'),
        fc.constantFrom(...RESAMPLERS),
        fc.constantFrom('300', '1h', 600),
        sub,
      ),
    },
    { weight: 2, arbitrary: call(fc.constantFrom(...BINARY), sub, operand) },
    { weight: 1, arbitrary: call(fc.constantFrom(...BINARY), fc.constantFrom(3, 0.5), sub) },
    { weight: 1, arbitrary: call(fc.constant('clip'), sub, fc.constantFrom(-10, 0), fc.constantFrom(5, 50)) },
    { weight: 1, arbitrary: call(fc.constantFrom(...UNARY), sub) },
    // `rateofchangesec` is left out: 4.4.2 has no such operator (see differences.ts).
    { weight: 1, arbitrary: call(fc.constant('rateofchange'), sub) },
  );
}

/** How a side spells a reference: its own metric id for a resource's metric. */
export type RefResolver = (ref: Ref) => string;

export function operationsText(node: OpNode, resolve: RefResolver): string {
  if (node.kind === 'metric') {
    const pairs = node.refs.map(([ref, agg]) => `${resolve(ref)} ${agg}`);
    return node.listForm ? `(metric ${pairs.map((p) => `(${p})`).join(' ')})` : `(metric ${pairs[0] ?? ''})`;
  }
  const args = node.args.map((a) => (typeof a === 'object' ? operationsText(a, resolve) : String(a)));
  return `(${[node.name, ...args].join(' ')})`;
}

export function operationsJson(node: OpNode, resolve: RefResolver): unknown[] {
  if (node.kind === 'metric') {
    const pairs = node.refs.map(([ref, agg]) => [resolve(ref), agg]);
    return node.listForm ? ['metric', ...pairs] : ['metric', ...(pairs[0] ?? [])];
  }
  return [node.name, ...node.args.map((a) => (typeof a === 'object' ? operationsJson(a, resolve) : a))];
}

/** Whether the answer is an `aggregated` series that may keep several columns, of which Gnocchi shows only the
 *  first: some operator between two series (which makes the answer `aggregated`) with no `aggregate` reducing
 *  the columns above it, in resource mode, where any reference may match several metrics. */
export function showsFirstOfManyColumns(node: OpNode): boolean {
  const walk = (n: OpNode | number | string): { many: boolean; aggregated: boolean } => {
    if (typeof n !== 'object') return { many: false, aggregated: false };
    if (n.kind === 'metric') return { many: true, aggregated: false };
    const subs = n.args.filter((a): a is OpNode => typeof a === 'object').map(walk);
    const aggregated = subs.some((x) => x.aggregated) || subs.length > 1 || n.name === 'aggregate';
    if (n.name === 'aggregate') return { many: false, aggregated };
    return { many: subs.some((x) => x.many), aggregated };
  };
  const result = walk(node);
  return result.aggregated && result.many;
}
