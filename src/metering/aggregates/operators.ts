// The operator and method names Gnocchi's operations accept (rest/aggregates/operations.py), in its order,
// since the schema tries its alternatives in this order and reports the first error of the deepest path.

const BASE_REDUCERS = ['mean', 'median', 'std', 'min', 'max', 'sum', 'var', 'count'] as const;

/** AGG_MAP's keys: the cross-column reducers and their `rate:` forms. */
export const AGGREGATE_METHODS: readonly string[] = [
  ...BASE_REDUCERS,
  ...BASE_REDUCERS.map((m) => `rate:${m}`),
];

/** RESAMPLE_AVAILABLE_AGG_MAP: AGG_MAP without `var` (but with `rate:var`), then first, last, 1pct…99pct. */
export const RESAMPLE_METHODS: readonly string[] = [
  ...AGGREGATE_METHODS.filter((m) => m !== 'var'),
  'last',
  'first',
  ...Array.from({ length: 99 }, (_, i) => `${i + 1}pct`),
];

/** The comparisons, each answering 1.0/0.0 (numpy bools). */
export const COMPARISON_OPERATORS: readonly string[] = [
  '=',
  '==',
  'eq',
  '<',
  'lt',
  '>',
  'gt',
  '<=',
  '≤',
  'le',
  '>=',
  '≥',
  'ge',
  '!=',
  '≠',
  'ne',
];

export const BINARY_OPERATORS: readonly string[] = [
  ...COMPARISON_OPERATORS,
  '%',
  'mod',
  '+',
  'add',
  '-',
  'sub',
  '*',
  '×',
  'mul',
  '/',
  '÷',
  'div',
  '**',
  '^',
  'pow',
  'clip_min',
  'clip_max',
  'max',
];

export const TERNARY_OPERATORS: readonly string[] = ['clip'];

export const UNARY_OPERATORS: readonly string[] = [
  'abs',
  'absolute',
  'neg',
  'negative',
  'cos',
  'sin',
  'tan',
  'floor',
  'ceil',
];

export const UNARY_OPERATORS_WITH_TIMESTAMPS: readonly string[] = ['rateofchange', 'rateofchangesec'];
