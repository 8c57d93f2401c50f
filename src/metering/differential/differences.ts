import { COMPARISON_OPERATORS } from '../aggregates/operators';
import type { Answer } from './target';
import { isRecord } from './normalise';

// The differences between Gnocchi 4.4.2 and the engine that the differential test allows, and only these:
// the list (4.4.2 is older than the conformance vectors, and the vectors win) plus what 4.4.2 answers
// with a 500. Each is either kept out of the generated workload (`excluded`: the generators say where) or
// accepted when the two answers differ exactly that way (`normalised`: `accepts` decides).

/** What the generator knows of a request that its rendered body does not say plainly. */
export interface RequestFacts {
  /** The answer is an `aggregated` series that still has several columns, of which Gnocchi shows the first. */
  readonly showsFirstOfManyColumns?: boolean;
}

export interface VersionDifference {
  readonly id: string;
  readonly reason: string;
  readonly handling: 'excluded' | 'normalised';
  /** For `normalised` entries: whether this pair of answers (already normalised) to `request` (the body sent to
   *  Gnocchi) is this difference. */
  readonly accepts?: (ours: Answer, theirs: Answer, request: unknown, facts: RequestFacts) => boolean;
}

const sortedDetail = (d: Record<string, unknown>) =>
  Array.isArray(d.detail) ? d.detail.map((x) => JSON.stringify(x)).sort() : d.detail;

/** A JSON replacer that keeps the shape (keys, lengths, timestamps) and forgets the values. */
const numbersOut = (_key: string, value: unknown) => (typeof value === 'number' ? 0 : value);

const description = (a: Answer): Record<string, unknown> | undefined =>
  isRecord(a.body) && isRecord(a.body.description) ? a.body.description : undefined;

export const VERSION_DIFFERENCES: readonly VersionDifference[] = [
  {
    id: 'aggregated-cause',
    reason:
      'The cause of a 400 when metrics share no granularity: 4.4.2 says "Metrics can\'t being aggregated", the ' +
      'newer Gnocchi of the vectors "Metrics cannot be aggregated". Accepted when everything else is equal, the ' +
      'detail compared as a multiset: it lists the columns in the order of the resources and of their metrics, ' +
      'which Gnocchi leaves to PostgreSQL.',
    handling: 'normalised',
    accepts: (ours, theirs) => {
      const o = description(ours);
      const t = description(theirs);
      return (
        ours.status === 400 &&
        theirs.status === 400 &&
        o?.cause === 'Metrics cannot be aggregated' &&
        t?.cause === "Metrics can't being aggregated" &&
        JSON.stringify({ ...o, cause: '', detail: sortedDetail(o) }) ===
          JSON.stringify({ ...t, cause: '', detail: sortedDetail(t) })
      );
    },
  },
  {
    id: 'ffill-bfill',
    reason:
      'fill=ffill, bfill, full_ffill and full_bfill exist from Gnocchi 4.7; 4.4.2 refuses them. The workload ' +
      'generates only float, null and dropna fills (differential.test.ts, FILLS).',
    handling: 'excluded',
  },
  {
    id: 'max-operator',
    reason:
      'The binary `max` operator (numpy fmax) is newer than 4.4.2. Not generated (operations-grammar.ts, BINARY).',
    handling: 'excluded',
  },
  {
    id: 'rateofchangesec',
    reason: '`rateofchangesec` is newer than 4.4.2. Not generated (operations-grammar.ts, operationsArb).',
    handling: 'excluded',
  },
  {
    id: 'missing-metrics-resource-mode',
    reason:
      'Resource mode with no matching metric: the vectors (Gnocchi PR #1202) answer 404 "Metric [...] does not ' +
      'exist"; 4.4.2 answers 400 {cause: "Metrics not found", detail: [...]}. Accepted as that pair.',
    handling: 'normalised',
    accepts: (ours, theirs) => {
      const text = isRecord(ours.body) ? ours.body.description : undefined;
      const names = description(theirs)?.detail;
      return (
        ours.status === 404 &&
        typeof text === 'string' &&
        /^Metric .* does not exist$/.test(text) &&
        theirs.status === 400 &&
        description(theirs)?.cause === 'Metrics not found' &&
        // the same names, whatever the order of Python's set
        Array.isArray(names) &&
        names.every((name) => text.includes(`'${String(name)}'`))
      );
    },
  },
  {
    id: 'like-on-id',
    reason:
      '`like` on `id` is refused by both, with a different voluptuous message in 4.4.2. Not generated ' +
      '(search-grammar.ts, comparison).',
    handling: 'excluded',
  },
  {
    id: 'bool-comparison-500',
    reason:
      'Aggregates whose result is not a float array: a comparison operator (numpy gives booleans) or a `count` ' +
      'reduction (integers). 4.4.2 cannot write them and answers 500 ("Circular reference detected" in its ' +
      'log), and numpy refuses `negative` on booleans (a 500 before any other check); the engine reads them as ' +
      '1.0/0.0 and counts. Accepted as any non-500 answer of ours against a 500 of 4.4.2 when the operations ' +
      'hold such a node.',
    handling: 'normalised',
    accepts: (ours, theirs, request) =>
      ours.status !== 500 && theirs.status === 500 && hasNonFloatResult(operationTokens(request)),
  },
  {
    id: 'bool-attribute-500',
    reason:
      'A search comparing a bool attribute with an order operator, `like`, or a number: 4.4.2 answers 500 ' +
      '(PostgreSQL refuses the cast). Only equality with true/false/null is generated (search-grammar.ts).',
    handling: 'excluded',
  },
  {
    id: 'uuid-attribute-500',
    reason:
      "Not in the issue's list but of the same kind: a uuid attribute compared with a non-UUID string is a 500 " +
      'in 4.4.2 (PostgreSQL refuses the cast). Only well-formed UUIDs are generated (search-grammar.ts).',
    handling: 'excluded',
  },
  {
    id: 'null-order-500',
    reason:
      "Not in the issue's list but of the same kind: an order operator (`<`, `ge`, …) against null is a 500 in " +
      '4.4.2 (SQLAlchemy refuses it). null is generated with equality operators only (search-grammar.ts).',
    handling: 'excluded',
  },
  {
    id: 'resample-methods',
    reason:
      "Not in the issue's list: 4.4.2 resamples with its aggregate reducers only (var included, no first, last " +
      'or percentiles); the newer Gnocchi of the vectors refuses var and adds the others. Only the methods both ' +
      'accept are generated (operations-grammar.ts, RESAMPLERS).',
    handling: 'excluded',
  },
  {
    id: 'unknown-aggregation-which-metric',
    reason:
      'Not a version difference: when several metrics lack the aggregation asked, Gnocchi names the first its ' +
      'parallel reads fail on, in an order its query leaves to PostgreSQL. Accepted when both answer 404 ' +
      '"Metrics with unknown aggregation" for the same metric name and aggregation.',
    handling: 'normalised',
    accepts: (ours, theirs) => {
      const o = description(ours);
      const t = description(theirs);
      const key = (d: Record<string, unknown> | undefined) =>
        JSON.stringify(
          (Array.isArray(d?.detail) ? (d.detail as unknown[][]) : []).map(([m, a]) => [
            String(m).replace(/^r\d+\//, ''),
            a,
          ]),
        );
      return (
        ours.status === 404 &&
        theirs.status === 404 &&
        o?.cause === 'Metrics with unknown aggregation' &&
        t?.cause === o.cause &&
        key(o) === key(t)
      );
    },
  },
  {
    id: 'first-of-many-columns',
    reason:
      'Not a version difference: an `aggregated` answer whose series still has several columns (a binary ' +
      'operator between series with no `aggregate` above it) shows only its first column, and in resource mode ' +
      'with groupby the column order is the order of the resources within the group, which Gnocchi leaves to ' +
      'PostgreSQL (it sorts by the groupby attributes only). Accepted when both answer 200 and the generator ' +
      'says the tree is of that kind (operations-grammar.ts, showsFirstOfManyColumns).',
    handling: 'normalised',
    accepts: (ours, theirs, _request, facts) =>
      ours.status === 200 && theirs.status === 200 && facts.showsFirstOfManyColumns === true,
  },
  {
    id: 'trig-of-power',
    reason:
      "Not a version difference: numpy's pow and V8's Math.pow may differ in the last bit of a huge result " +
      '(x ** y with y up to 400), and sin/cos/tan of a number near 1e30 turn that bit into any value in ' +
      '[-1, 1]. Accepted when both answer 200 with the same shape and the operations take a trigonometric ' +
      'function of a power.',
    handling: 'normalised',
    accepts: (ours, theirs, request) => {
      const tokens = operationTokens(request);
      return (
        ours.status === 200 &&
        theirs.status === 200 &&
        tokens.some((t) => ['sin', 'cos', 'tan'].includes(t)) &&
        tokens.some((t) => ['**', 'pow', '^'].includes(t)) &&
        JSON.stringify(ours.body, numbersOut) === JSON.stringify(theirs.body, numbersOut)
      );
    },
  },
  {
    id: 'server-error-body',
    reason:
      'When both answer 500 the bodies are not compared: 4.4.2 (behind wsgiref) writes a plain-text page, the ' +
      'engine its JSON envelope. Accepted as that pair; the test prints how many there were.',
    handling: 'normalised',
    accepts: (ours, theirs) => ours.status === 500 && theirs.status === 500,
  },
];

/** The normalised difference this pair of answers is, if any. */
export function allowedDifference(
  ours: Answer,
  theirs: Answer,
  request: unknown,
  facts: RequestFacts = {},
): VersionDifference | undefined {
  return VERSION_DIFFERENCES.find(
    (d) => d.handling === 'normalised' && d.accepts?.(ours, theirs, request, facts) === true,
  );
}

const COMPARISONS = new Set(COMPARISON_OPERATORS);

/** The atoms of a request's `operations`, string form or JSON form alike. */
export function operationTokens(request: unknown): string[] {
  const operations = isRecord(request) ? request.operations : undefined;
  if (typeof operations === 'string') return operations.split(/[\s()]+/).filter((t) => t !== '');
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else out.push(String(v));
  };
  walk(operations);
  return out;
}

function hasNonFloatResult(tokens: readonly string[]): boolean {
  return tokens.some(
    (t, i) =>
      COMPARISONS.has(t) ||
      (t === 'count' && ['aggregate', 'rolling', 'resample'].includes(tokens[i - 1] ?? '')),
  );
}
