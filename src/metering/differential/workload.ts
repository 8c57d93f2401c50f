import fc from 'fast-check';

// The objects both servers are loaded with: two archive policies sharing some granularities, a resource type
// with one attribute of each kind, resources with random attributes and metrics, and measures with gaps.
// Everything is named after the run's prefix so reruns never meet on the shared Gnocchi.

/** Measures sit in the two hours after this instant; the policies keep at least three hours, so nothing expires
 *  while a run loads them. */
export const BASE_MS = Date.UTC(2026, 0, 5, 0, 0, 0);
export const SPAN_MINUTES = 120;

/** Only methods 4.4.2 can store (no percentiles: its quantile code is broken; no `rate:*` in a policy). */
export const POLICIES = {
  fine: {
    definition: [
      { granularity: '1 min', points: 180 },
      { granularity: '5 min', points: 36 },
      { granularity: '1 hour', points: 6 },
    ],
    aggregation_methods: ['mean', 'min', 'max', 'sum', 'count', 'last', 'std'],
  },
  coarse: {
    definition: [
      { granularity: 300, timespan: '3 hours' },
      { granularity: 3600, points: 6 },
    ],
    aggregation_methods: ['mean', 'max', 'sum'],
  },
} as const;
export type PolicyKey = keyof typeof POLICIES;

/** The policy behind each metric name; `mem` exists on some resources only, so wildcards and missing names
 *  meet both cases. */
export const METRIC_POLICY: Readonly<Record<string, PolicyKey>> = {
  cpu: 'fine',
  vcpus: 'coarse',
  mem: 'fine',
};
export const METRIC_NAMES = Object.keys(METRIC_POLICY);

export const ATTRIBUTES = {
  host: { type: 'string', required: true, max_length: 64 },
  folder: { type: 'string', required: false },
  vcpus: { type: 'number', required: false, min: 0, max: 128 },
  active: { type: 'bool', required: false },
  image: { type: 'uuid', required: false },
  launched: { type: 'datetime', required: false },
} as const;
export type AttributeName = keyof typeof ATTRIBUTES;

export const HOSTS = ['h1', 'h2', 'h-3'];
export const FOLDERS = ['f1', 'f2', 'prod_x'];
export const VCPUS = [1, 2, 4, 8];
export const IMAGES = ['6f1f3ad2-1c1b-4a47-9d11-2d0fbb8e6a01', '0b8a8f0e-5e5e-4c3c-8a0a-1e6f2f7d9c02'];
export const LAUNCHED = [
  '2025-12-31T23:00:00+00:00',
  '2026-01-02T12:30:00+00:00',
  '2026-01-04T06:00:00+00:00',
];
export const STARTED = ['2026-01-01T00:00:00+00:00', '2026-01-03T00:00:00+00:00'];
export const USERS = ['alice', 'bob'];

export interface ResourceSpec {
  readonly index: number;
  readonly host: string;
  readonly folder: string | null;
  readonly vcpus: number | null;
  readonly active: boolean | null;
  readonly image: string | null;
  readonly launched: string | null;
  readonly startedAt: string;
  readonly userId: string | null;
  readonly metrics: readonly string[];
  /** Per metric: [minute offset from BASE_MS, second within the minute, value]. */
  readonly measures: Readonly<Record<string, readonly (readonly [number, number, number])[]>>;
}

/** A metric's measures: a stretch of the two hours, minutes dropped at random (the gaps), some minutes with
 *  two measures. Values are multiples of 0.25 so sums are exact in binary and only divisions can round. */
const measuresArb = fc
  .record({
    from: fc.integer({ min: 0, max: 40 }),
    length: fc.integer({ min: 20, max: SPAN_MINUTES }),
    keep: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: SPAN_MINUTES, maxLength: SPAN_MINUTES }),
    values: fc.array(fc.integer({ min: -200, max: 400 }), {
      minLength: 2 * SPAN_MINUTES,
      maxLength: 2 * SPAN_MINUTES,
    }),
  })
  .map(({ from, length, keep, values }) => {
    const out: [number, number, number][] = [];
    for (let m = from; m < Math.min(SPAN_MINUTES, from + length); m++) {
      const k = keep[m] ?? 0;
      if (k < 3) continue; // a gap
      out.push([m, 0, (values[2 * m] ?? 0) / 4]);
      if (k === 9) out.push([m, 30, (values[2 * m + 1] ?? 0) / 4]);
    }
    return out;
  });

const resourceArb = (index: number): fc.Arbitrary<ResourceSpec> =>
  fc.record({
    index: fc.constant(index),
    host: fc.constantFrom(...HOSTS),
    folder: fc.option(fc.constantFrom(...FOLDERS), { freq: 4 }),
    vcpus: fc.option(fc.constantFrom(...VCPUS), { freq: 4 }),
    active: fc.option(fc.boolean(), { freq: 4 }),
    image: fc.option(fc.constantFrom(...IMAGES), { freq: 3 }),
    launched: fc.option(fc.constantFrom(...LAUNCHED), { freq: 3 }),
    startedAt: fc.constantFrom(...STARTED),
    userId: fc.option(fc.constantFrom(...USERS), { freq: 3 }),
    metrics: fc.subarray(['vcpus', 'mem']).map((extra) => ['cpu', ...extra]),
    measures: fc.record({ cpu: measuresArb, vcpus: measuresArb, mem: measuresArb }),
  });

export function resourcesArb(count: number): fc.Arbitrary<ResourceSpec[]> {
  return fc.tuple(...Array.from({ length: count }, (_, i) => resourceArb(i)));
}

export const policyName = (prefix: string, key: PolicyKey) => `${prefix}-${key}`;
export const resourceTypeName = (prefix: string) => `${prefix}-vm`;
/** Non-UUID ids on purpose: both servers map them to the same uuid5 (same creator), so ids need no translation. */
export const originalId = (prefix: string, index: number) => `${prefix}-r${index}`;

export function resourceBody(prefix: string, r: ResourceSpec): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: originalId(prefix, r.index),
    host: r.host,
    started_at: r.startedAt,
    metrics: Object.fromEntries(
      r.metrics.map((name) => [
        name,
        { archive_policy_name: policyName(prefix, METRIC_POLICY[name] ?? 'fine') },
      ]),
    ),
  };
  if (r.folder !== null) body.folder = r.folder;
  if (r.vcpus !== null) body.vcpus = r.vcpus;
  if (r.active !== null) body.active = r.active;
  if (r.image !== null) body.image = r.image;
  if (r.launched !== null) body.launched = r.launched;
  if (r.userId !== null) body.user_id = r.userId;
  return body;
}

export const isoAt = (minute: number, second = 0) =>
  new Date(BASE_MS + minute * 60_000 + second * 1000).toISOString().replace('.000Z', '+00:00');

/** The body of POST /v1/batch/resources/metrics/measures for every resource (keyed by the resource's UUID). */
export function batchBody(
  resources: readonly ResourceSpec[],
  uuidOf: (r: ResourceSpec) => string,
): Record<string, Record<string, { timestamp: string; value: number }[]>> {
  return Object.fromEntries(
    resources.map((r) => [
      uuidOf(r),
      Object.fromEntries(
        r.metrics.map((name) => [
          name,
          (r.measures[name] ?? []).map(([m, s, value]) => ({ timestamp: isoAt(m, s), value })),
        ]),
      ),
    ]),
  );
}
