import { describe, expect, it } from 'vitest';
import { GnocchiError, gnocchiErrorBody } from '../errors';
import {
  archivePolicyJson,
  DEFAULT_ARCHIVE_POLICIES,
  expandAggregationMethods,
  isValidAggregationMethod,
  parseArchivePolicy,
  patchArchivePolicy,
  VALID_AGGREGATION_METHODS,
} from './archive-policy';

// Every expected answer here was taken from Gnocchi 4.4.2 (Debian's, started by
// /work/shared/tools/gnocchi-reference): the body was POSTed to /v1/archive_policy with curl, and the 201's
// body or the 400's JSON copied. Only the order of aggregation_methods is not Gnocchi's (it prints a Python
// set, whose order changes with each process's hash seed), so methods are compared as sets.

const DEFAULTS = ['min', 'count', 'max', 'sum', 'mean', 'std'];

function answer(body: unknown): { status: number; body: unknown } {
  try {
    return { status: 201, body: archivePolicyJson(parseArchivePolicy(body)) };
  } catch (error) {
    if (!(error instanceof GnocchiError)) throw error;
    return { status: error.status, body: gnocchiErrorBody(error) };
  }
}

function withSortedMethods(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || !('aggregation_methods' in body)) return body;
  return { ...body, aggregation_methods: [...(body.aggregation_methods as string[])].sort() };
}

const created: [unknown, unknown][] = [
  [
    { name: 't1', definition: [{ granularity: '1 minute', timespan: '1 hour 30s' }] },
    {
      name: 't1',
      back_window: 0,
      definition: [{ timespan: '1:00:00', granularity: '0:01:00', points: 60 }],
      aggregation_methods: DEFAULTS,
    },
  ],
  [
    { name: 'u1', definition: [{ granularity: 60 }] },
    {
      name: 'u1',
      back_window: 0,
      definition: [{ timespan: null, granularity: '0:01:00', points: null }],
      aggregation_methods: DEFAULTS,
    },
  ],
  [
    { name: 'u2', definition: [{ timespan: '1 hour', points: 7 }] },
    {
      name: 'u2',
      back_window: 0,
      definition: [{ timespan: '1:00:00', granularity: '0:08:34.285714', points: 7 }],
      aggregation_methods: DEFAULTS,
    },
  ],
  [
    { name: 'u3', definition: [{ granularity: '0.5', points: '10' }], back_window: '2' },
    {
      name: 'u3',
      back_window: 2,
      definition: [{ timespan: '0:00:05', granularity: '0:00:00.500000', points: 10 }],
      aggregation_methods: DEFAULTS,
    },
  ],
  [
    { name: 'u4', definition: [{ granularity: 60, points: 10.7 }] },
    {
      name: 'u4',
      back_window: 0,
      definition: [{ timespan: '0:10:00', granularity: '0:01:00', points: 10 }],
      aggregation_methods: DEFAULTS,
    },
  ],
  [
    { name: 'u5', definition: [{ granularity: 60, points: true }] },
    {
      name: 'u5',
      back_window: 0,
      definition: [{ timespan: '0:01:00', granularity: '0:01:00', points: 1 }],
      aggregation_methods: DEFAULTS,
    },
  ],
  [
    {
      name: 'u8',
      definition: [{ granularity: 60, points: 10 }],
      aggregation_methods: ['-mean', '+rate:max', '+90pct'],
    },
    {
      name: 'u8',
      back_window: 0,
      definition: [{ timespan: '0:10:00', granularity: '0:01:00', points: 10 }],
      aggregation_methods: ['min', 'count', 'max', 'sum', 'std', 'rate:max', '90pct'],
    },
  ],
  [
    { name: 'u10', definition: [{ granularity: 60, points: 10 }], aggregation_methods: [] },
    {
      name: 'u10',
      back_window: 0,
      definition: [{ timespan: '0:10:00', granularity: '0:01:00', points: 10 }],
      aggregation_methods: DEFAULTS,
    },
  ],
  [
    {
      name: 'u11',
      definition: [{ granularity: 60, points: 10 }],
      aggregation_methods: ['max', '+mean', '-count'],
    },
    {
      name: 'u11',
      back_window: 0,
      definition: [{ timespan: '0:10:00', granularity: '0:01:00', points: 10 }],
      aggregation_methods: ['max', '-count', 'mean', '+mean'],
    },
  ],
  [
    { name: 'u20', definition: [{ granularity: 90, timespan: '1 hour' }] },
    {
      name: 'u20',
      back_window: 0,
      definition: [{ timespan: '1:00:00', granularity: '0:01:30', points: 40 }],
      aggregation_methods: DEFAULTS,
    },
  ],
  [
    { name: 'u21', definition: [{ granularity: 1.5, points: 3 }] },
    {
      name: 'u21',
      back_window: 0,
      definition: [{ timespan: '0:00:04.500000', granularity: '0:00:01.500000', points: 3 }],
      aggregation_methods: DEFAULTS,
    },
  ],
  [
    { name: 'u22', definition: [{ timespan: 100, points: 3 }] },
    {
      name: 'u22',
      back_window: 0,
      definition: [{ timespan: '0:01:40', granularity: '0:00:33.333333', points: 3 }],
      aggregation_methods: DEFAULTS,
    },
  ],
  [
    { name: 'v7', back_window: 1.5, definition: [{ granularity: 60 }] },
    {
      name: 'v7',
      back_window: 1,
      definition: [{ timespan: null, granularity: '0:01:00', points: null }],
      aggregation_methods: DEFAULTS,
    },
  ],
  [
    { name: 'v9', definition: [{ granularity: true, points: 2 }] },
    {
      name: 'v9',
      back_window: 0,
      definition: [{ timespan: '0:00:02', granularity: '0:00:01', points: 2 }],
      aggregation_methods: DEFAULTS,
    },
  ],
  [
    {
      name: 'v14',
      definition: [{ granularity: 60, points: 2 }],
      aggregation_methods: ['mean', 'mean', '-max'],
    },
    {
      name: 'v14',
      back_window: 0,
      definition: [{ timespan: '0:02:00', granularity: '0:01:00', points: 2 }],
      aggregation_methods: ['mean', '-max'],
    },
  ],
  [
    {
      name: 'v15',
      definition: [{ granularity: 60, points: 2 }],
      aggregation_methods: ['+mean', '+mean', '-max'],
    },
    {
      name: 'v15',
      back_window: 0,
      definition: [{ timespan: '0:02:00', granularity: '0:01:00', points: 2 }],
      aggregation_methods: ['min', 'count', 'sum', 'mean', 'std'],
    },
  ],
  [
    {
      name: 'v18',
      definition: [
        { granularity: '1d', points: 400 },
        { granularity: '1 week', timespan: '1000 days' },
      ],
    },
    {
      name: 'v18',
      back_window: 0,
      definition: [
        { timespan: '400 days, 0:00:00', granularity: '1 day, 0:00:00', points: 400 },
        { timespan: '994 days, 0:00:00', granularity: '7 days, 0:00:00', points: 142 },
      ],
      aggregation_methods: DEFAULTS,
    },
  ],
];

function invalid(reason: string, detail: string[]) {
  return { code: 400, title: 'Bad Request', description: { cause: 'Invalid input', reason, detail } };
}
function plain(description: string) {
  return { code: 400, title: 'Bad Request', description };
}

const refused: [unknown, unknown][] = [
  [
    {
      name: 't2',
      definition: [
        { granularity: 60, points: 10 },
        { granularity: '1 minute', points: 5 },
      ],
    },
    plain("More than one archive policy uses granularity `60.0'"),
  ],
  [
    { name: 't3', definition: [{ granularity: 60 }], aggregation_methods: ['foo'] },
    invalid("not a valid value @ data['aggregation_methods'][0]", ['aggregation_methods', '0']),
  ],
  [
    { name: 't4', definition: [{ points: 60 }] },
    plain('At least two of granularity/points/timespan must be provided'),
  ],
  [
    { name: 't5', definition: [{ granularity: 60, points: 10, timespan: 3600 }] },
    plain('timespan ≠ granularity × points'),
  ],
  [
    { name: 't6', definition: [] },
    invalid("length of value must be at least 1 for dictionary value @ data['definition']", ['definition']),
  ],
  [
    { name: 't7', definition: [{ granularity: -1, points: 10 }] },
    invalid("Timespan must be positive for dictionary value @ data['definition'][0]['granularity']", [
      'definition',
      '0',
      'granularity',
    ]),
  ],
  [
    { name: 't8', definition: [{ granularity: 'abc', points: 10 }] },
    invalid("Unable to parse timespan for dictionary value @ data['definition'][0]['granularity']", [
      'definition',
      '0',
      'granularity',
    ]),
  ],
  [
    { name: 't9', definition: [{ granularity: 60, points: 0 }] },
    invalid("value must be at least 1 for dictionary value @ data['definition'][0]['points']", [
      'definition',
      '0',
      'points',
    ]),
  ],
  [
    { name: 't10', definition: [{ granularity: 60, points: 'x' }] },
    invalid("expected int for dictionary value @ data['definition'][0]['points']", [
      'definition',
      '0',
      'points',
    ]),
  ],
  [
    { name: 't11', back_window: -1, definition: [{ granularity: 60, points: 10 }] },
    invalid("value must be at least 0 for dictionary value @ data['back_window']", ['back_window']),
  ],
  [
    { definition: [{ granularity: 60, points: 10 }] },
    invalid("required key not provided @ data['name']", ['name']),
  ],
  [{ name: 't13' }, invalid("required key not provided @ data['definition']", ['definition'])],
  [
    { name: 't14', definition: [{ granularity: 60, points: 10 }], extra: 1 },
    invalid("extra keys not allowed @ data['extra']", ['extra']),
  ],
  [
    {
      name: 't15',
      definition: [{ granularity: 60, points: 10 }],
      aggregation_methods: ['mean', 'foo', 'bar'],
    },
    invalid("not a valid value @ data['aggregation_methods'][1]", ['aggregation_methods', '1']),
  ],
  [
    { name: 5, definition: [{ granularity: 60, points: 10 }] },
    invalid("expected str for dictionary value @ data['name']", ['name']),
  ],
  [
    { name: 't17', definition: [{ granularity: 60, points: 10, foo: 1 }] },
    invalid("extra keys not allowed @ data['definition'][0]['foo']", ['definition', '0', 'foo']),
  ],
  [
    { name: 't18', definition: { granularity: 60 } },
    invalid("expected a list for dictionary value @ data['definition']", ['definition']),
  ],
  [[], invalid('expected a dictionary', [])],
  [
    { name: 't20', definition: [{ granularity: 60, timespan: 30 }] },
    plain('Calculated number of points is < 0'),
  ],
  [
    { name: 'u6', definition: [{ granularity: 60, points: 10 }], aggregation_methods: 'mean' },
    invalid("expected a list for dictionary value @ data['aggregation_methods']", ['aggregation_methods']),
  ],
  [
    {
      name: 'u13',
      back_window: -1,
      definition: [{ granularity: 'x', points: 0 }],
      aggregation_methods: ['foo'],
      zzz: 1,
    },
    invalid("value must be at least 0 for dictionary value @ data['back_window']", ['back_window']),
  ],
  [
    {
      name: 'u15',
      definition: [
        { granularity: 60, points: 10 },
        { granularity: 30, points: 10 },
        { granularity: 60, points: 3 },
        { granularity: 30 },
      ],
    },
    plain("More than one archive policy uses granularity `60.0'"),
  ],
  [
    { name: 'u16', definition: [{ granularity: 60, points: 10 }], aggregation_methods: ['rate:*'] },
    invalid("not a valid value @ data['aggregation_methods'][0]", ['aggregation_methods', '0']),
  ],
  [
    { name: 'u17', definition: [{ granularity: 60, points: 10 }], aggregation_methods: ['100pct'] },
    invalid("not a valid value @ data['aggregation_methods'][0]", ['aggregation_methods', '0']),
  ],
  [
    { name: 'u18', definition: [{ granularity: 60, points: 10 }], aggregation_methods: [1] },
    invalid("not a valid value @ data['aggregation_methods'][0]", ['aggregation_methods', '0']),
  ],
  [
    { zzz: 1, back_window: -1, definition: [{ granularity: 60 }], name: 'v1' },
    invalid("extra keys not allowed @ data['zzz']", ['zzz']),
  ],
  [
    { name: 'v2', definition: [5] },
    invalid("expected a dictionary @ data['definition'][0]", ['definition', '0']),
  ],
  [
    { name: 'v3', definition: null },
    invalid("expected a list for dictionary value @ data['definition']", ['definition']),
  ],
  [
    { name: null, definition: [{ granularity: 60 }] },
    invalid("expected str for dictionary value @ data['name']", ['name']),
  ],
  ['abc', invalid('expected a dictionary', [])],
  [
    { name: 'v6', back_window: 'x', definition: [{ granularity: 60 }] },
    invalid("expected int for dictionary value @ data['back_window']", ['back_window']),
  ],
  [
    { name: 'v8', definition: [{ granularity: null }] },
    invalid("Invalid timespan for dictionary value @ data['definition'][0]['granularity']", [
      'definition',
      '0',
      'granularity',
    ]),
  ],
  [
    { name: 'v10', definition: [{ points: 2, granularity: 'x', timespan: 'y' }] },
    invalid("Unable to parse timespan for dictionary value @ data['definition'][0]['granularity']", [
      'definition',
      '0',
      'granularity',
    ]),
  ],
  [
    { name: 'v11', definition: [{ granularity: 60, points: 2 }, { granularity: 'x' }, { granularity: -5 }] },
    invalid("Unable to parse timespan for dictionary value @ data['definition'][1]['granularity']", [
      'definition',
      '1',
      'granularity',
    ]),
  ],
  [
    { aggregation_methods: ['foo'], name: 'v12', definition: [] },
    invalid("not a valid value @ data['aggregation_methods'][0]", ['aggregation_methods', '0']),
  ],
  [
    { name: 'v13', definition: [{ granularity: 60, points: 2 }], aggregation_methods: null },
    invalid("expected a list for dictionary value @ data['aggregation_methods']", ['aggregation_methods']),
  ],
  [
    { name: 'v16', definition: [{ granularity: 60, points: 2 }], aggregation_methods: ['*', '+foo'] },
    invalid("not a valid value @ data['aggregation_methods'][1]", ['aggregation_methods', '1']),
  ],
  [
    { name: 'v17', definition: [{ granularity: 60, timespan: '0' }] },
    invalid("Timespan must be positive for dictionary value @ data['definition'][0]['timespan']", [
      'definition',
      '0',
      'timespan',
    ]),
  ],
];

describe('parseArchivePolicy', () => {
  it.each(created)('creates %j as Gnocchi prints it', (body, expected) => {
    const got = answer(body);
    expect(got.status).toBe(201);
    expect(withSortedMethods(got.body)).toEqual(withSortedMethods(expected));
  });

  it.each(refused)('refuses %j with Gnocchi’s description', (body, expected) => {
    expect(answer(body)).toEqual({ status: 400, body: expected });
  });

  it('expands `*` to every valid method and `*` with `-x` to all but x', () => {
    expect(expandAggregationMethods(['*'])).toHaveLength(216);
    expect(new Set(expandAggregationMethods(['*']))).toEqual(new Set(VALID_AGGREGATION_METHODS));
    const allButMean = expandAggregationMethods(['*', '-mean']);
    expect(allButMean).toHaveLength(215);
    expect(allButMean).not.toContain('mean');
  });

  it('keeps granularity and timespan in microseconds', () => {
    const policy = parseArchivePolicy({ name: 'p', definition: [{ granularity: '5min', points: 12 }] });
    expect(policy.definition).toEqual([
      { granularityUs: 300_000_000, points: 12, timespanUs: 3_600_000_000 },
    ]);
  });
});

describe('isValidAggregationMethod', () => {
  it.each(['mean', 'std', '1pct', '99pct', 'rate:max', 'rate:95pct', 'count', 'first', 'last', 'median'])(
    'accepts %s',
    (name) => expect(isValidAggregationMethod(name)).toBe(true),
  );
  it.each(['*', 'rate:*', '100pct', '0pct', '05pct', 'rate:rate:mean', '+mean', 'avg', ''])(
    'refuses %j',
    (name) => expect(isValidAggregationMethod(name)).toBe(false),
  );
});

describe('DEFAULT_ARCHIVE_POLICIES', () => {
  it('prints as GET /v1/archive_policy on a fresh Gnocchi 4.4.2 lists them', () => {
    expect(DEFAULT_ARCHIVE_POLICIES.map((p) => withSortedMethods(archivePolicyJson(p)))).toEqual(
      [
        {
          name: 'bool',
          back_window: 3600,
          definition: [{ timespan: '365 days, 0:00:00', granularity: '0:00:01', points: 31536000 }],
          aggregation_methods: ['last'],
        },
        {
          name: 'low',
          back_window: 0,
          definition: [{ timespan: '30 days, 0:00:00', granularity: '0:05:00', points: 8640 }],
          aggregation_methods: DEFAULTS,
        },
        {
          name: 'medium',
          back_window: 0,
          definition: [
            { timespan: '7 days, 0:00:00', granularity: '0:01:00', points: 10080 },
            { timespan: '365 days, 0:00:00', granularity: '1:00:00', points: 8760 },
          ],
          aggregation_methods: DEFAULTS,
        },
        {
          name: 'high',
          back_window: 0,
          definition: [
            { timespan: '1:00:00', granularity: '0:00:01', points: 3600 },
            { timespan: '7 days, 0:00:00', granularity: '0:01:00', points: 10080 },
            { timespan: '365 days, 0:00:00', granularity: '1:00:00', points: 8760 },
          ],
          aggregation_methods: DEFAULTS,
        },
      ].map(withSortedMethods),
    );
  });
});

describe('patchArchivePolicy', () => {
  // Taken from Gnocchi 4.4.2 like the rest: the policy below was created, then each body PATCHed to it.
  const created = parseArchivePolicy({
    name: 'h13c-patch',
    definition: [
      { granularity: 300, points: 5 },
      { granularity: 60, points: 10 },
    ],
  });

  function patch(body: unknown): unknown {
    try {
      return withSortedMethods(archivePolicyJson(patchArchivePolicy(created, body)));
    } catch (error) {
      if (!(error instanceof GnocchiError)) throw error;
      return gnocchiErrorBody(error);
    }
  }

  it('changes points and timespans, keeping the order given', () => {
    expect(
      patch({
        definition: [
          { granularity: 60, points: 20 },
          { granularity: 300, timespan: '1 hour' },
        ],
      }),
    ).toEqual(
      withSortedMethods({
        name: 'h13c-patch',
        back_window: 0,
        definition: [
          { timespan: '0:20:00', granularity: '0:01:00', points: 20 },
          { timespan: '1:00:00', granularity: '0:05:00', points: 12 },
        ],
        aggregation_methods: DEFAULTS,
      }),
    );
  });

  it.each([
    [
      { definition: [{ granularity: 60, points: 20 }] },
      plain('Archive policy h13c-patch does not support change: Cannot add or drop granularities'),
    ],
    [
      {
        definition: [
          { granularity: 60, points: 20 },
          { granularity: 60, points: 3 },
        ],
      },
      plain('Archive policy h13c-patch does not support change: 300.0 granularity interval was changed'),
    ],
    [
      {
        definition: [
          { granularity: 60, points: 20 },
          { granularity: 120, points: 3 },
        ],
      },
      plain('Archive policy h13c-patch does not support change: 300.0 granularity interval was changed'),
    ],
    [
      { definition: [{ points: 20 }, { granularity: 120, points: 3 }] },
      plain('At least two of granularity/points/timespan must be provided'),
    ],
    [
      { definition: [{ granularity: 60, points: 20 }, { granularity: 300 }], back_window: 3 },
      invalid("extra keys not allowed @ data['back_window']", ['back_window']),
    ],
    [{}, invalid("required key not provided @ data['definition']", ['definition'])],
    [[], invalid('expected a dictionary', [])],
    [
      { definition: [] },
      invalid("length of value must be at least 1 for dictionary value @ data['definition']", ['definition']),
    ],
  ])('refuses %j', (body, expected) => {
    expect(patch(body)).toEqual(expected);
  });
});
