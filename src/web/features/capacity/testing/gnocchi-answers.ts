// Answers of the metering engine (`npm run metering`), recorded for a datacenter `pcc-1`/886 of three VMs (folders
// prod and test, vCPUs 4 + 2→4 and 8) and two hosts of 16 logical CPUs, over 2026-12-01..04 at one day:
// `POST /v1/aggregates` without and with `groupby=folder`, for the hosts, for a filter that matches nothing and
// for a bad filter; and `GET /v1/resource_type/vm`. Tests answer with these, not with hand-made shapes.

export const RECORDED_RANGE = {
  from: Date.parse('2026-12-01T00:00:00Z'),
  to: Date.parse('2026-12-04T00:00:00Z'),
};

export const vmVcpusAnswer = {
  measures: {
    aggregated: [
      ['2026-12-01T00:00:00+00:00', 86400, 14],
      ['2026-12-02T00:00:00+00:00', 86400, 14],
      ['2026-12-03T00:00:00+00:00', 86400, 16],
    ],
  },
};

export const vmVcpusByFolderAnswer = [
  {
    group: { folder: 'prod' },
    measures: {
      measures: {
        aggregated: [
          ['2026-12-01T00:00:00+00:00', 86400, 6],
          ['2026-12-02T00:00:00+00:00', 86400, 6],
          ['2026-12-03T00:00:00+00:00', 86400, 8],
        ],
      },
    },
  },
  {
    group: { folder: 'test' },
    measures: {
      measures: {
        aggregated: [
          ['2026-12-01T00:00:00+00:00', 86400, 8],
          ['2026-12-02T00:00:00+00:00', 86400, 8],
          ['2026-12-03T00:00:00+00:00', 86400, 8],
        ],
      },
    },
  },
];

export const hostVcpusAnswer = {
  measures: {
    aggregated: [
      ['2026-12-01T00:00:00+00:00', 86400, 32],
      ['2026-12-02T00:00:00+00:00', 86400, 32],
      ['2026-12-03T00:00:00+00:00', 86400, 32],
    ],
  },
};

/** `(name = "nope") and service = …`: nothing matches, so the engine finds no metric. */
export const noMatchAnswer = {
  code: 404,
  title: 'Not Found',
  description: "Metric ['vcpus'] does not exist",
};

/** `(name = ) and service = …`. */
export const badFilterAnswer = {
  code: 400,
  title: 'Bad Request',
  description:
    "Invalid filter: Expected {Re:('None|none|null') | Re:('False|True|false|true') | Combine:({W:(0-9A-Fa-f){8} {['-'] W:(0-9A-Fa-f){4}} {['-'] W:(0-9A-Fa-f){4}} {['-'] W:(0-9A-Fa-f){4}} ['-'] W:(0-9A-Fa-f){12}}) | W:(A-Za-z, 0-9A-Z_a-z) | Re:('[+-]?\\d+(:?\\.\\d*)?(:?[eE][+-]?\\d+)?') | string enclosed in '\"' | string enclosed in \"'\" | Group:({Suppress:('[') [: ... [, : ...]...] Suppress:(']')})}, found ')'  (at char 8), (line:1, col:9)",
};

export const vmResourceTypeAnswer = {
  name: 'vm',
  attributes: {
    name: { type: 'string', required: false, max_length: 255, min_length: 0 },
    service: { type: 'string', required: false, max_length: 255, min_length: 0 },
    datacenter: { type: 'string', required: false, max_length: 255, min_length: 0 },
    datacenter_id: { type: 'number', required: false, min: null, max: null },
    cluster: { type: 'string', required: false, max_length: 255, min_length: 0 },
    host: { type: 'string', required: false, max_length: 255, min_length: 0 },
    folder: { type: 'string', required: false, max_length: 255, min_length: 0 },
    power_state: { type: 'string', required: false, max_length: 255, min_length: 0 },
    guest_os_family: { type: 'string', required: false, max_length: 255, min_length: 0 },
    tools_state: { type: 'string', required: false, max_length: 255, min_length: 0 },
    backup: { type: 'bool', required: false },
    ft_state: { type: 'string', required: false, max_length: 255, min_length: 0 },
  },
  state: 'active',
};
