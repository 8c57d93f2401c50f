// What the dashboard meters of the infrastructure, as Gnocchi resources and metrics: the resource types and
// the attributes a user filters on, the metrics (Ceilometer's names where one exists, so that a Gnocchi user's
// habits carry over), and the archive policy, which keeps vCenter's rollups. The server's sync and recorder
// write these; the Capacity page and any Gnocchi client read them.

export const CAPACITY_POLICY_NAME = 'vscope-rollups';

/** vCenter's rollups: 5 minutes for a day, 30 minutes for a week, 2 hours for a month, a day for a year. */
export const CAPACITY_POLICY = {
  name: CAPACITY_POLICY_NAME,
  back_window: 0,
  definition: [
    { granularity: 300, timespan: 86_400 },
    { granularity: 1_800, timespan: 7 * 86_400 },
    { granularity: 7_200, timespan: 31 * 86_400 },
    { granularity: 86_400, timespan: 366 * 86_400 },
  ],
  aggregation_methods: ['mean', 'min', 'max', 'sum', 'count', 'last'],
} as const;

export const CAPACITY_GRANULARITIES = CAPACITY_POLICY.definition.map((d) => d.granularity);
export const CAPACITY_AGGREGATIONS = CAPACITY_POLICY.aggregation_methods;

export type AttributeType = 'string' | 'number' | 'bool';

/** Every metered resource carries these, which is how rights are enforced: a datacenter is (service, id). */
const WHERE = {
  name: 'string',
  service: 'string',
  datacenter: 'string',
  datacenter_id: 'number',
} as const satisfies Record<string, AttributeType>;

export const CAPACITY_RESOURCE_TYPES = {
  vm: {
    ...WHERE,
    cluster: 'string',
    host: 'string',
    folder: 'string',
    power_state: 'string',
    guest_os_family: 'string',
    tools_state: 'string',
    backup: 'bool',
    ft_state: 'string',
  },
  host: { ...WHERE, cluster: 'string', profile: 'string', state: 'string', connection_state: 'string' },
  filer: { ...WHERE, profile: 'string', global: 'bool' },
  datacenter: { ...WHERE, commercial_name: 'string' },
} as const satisfies Record<string, Record<string, AttributeType>>;

export type CapacityResourceType = keyof typeof CAPACITY_RESOURCE_TYPES;
export const CAPACITY_RESOURCE_TYPE_NAMES = Object.keys(CAPACITY_RESOURCE_TYPES) as CapacityResourceType[];

export interface CapacityMetric {
  readonly name: string;
  readonly unit: string;
  /** Provisioned (what is allotted or offered) or usage (what is consumed). */
  readonly kind: 'provisioned' | 'usage';
}

const provisioned = (name: string, unit: string): CapacityMetric => ({ name, unit, kind: 'provisioned' });
const usage = (name: string, unit: string): CapacityMetric => ({ name, unit, kind: 'usage' });

/**
 * Per resource type. A VM's `vcpus` and `memory` are what it is given; a host's are what it offers (logical
 * CPUs, RAM), so that one search compares them; a filer's `disk.size` is what it offers, `disk.provisioned`
 * what its VMs were promised and `disk.used` what they hold.
 */
export const CAPACITY_METRICS = {
  vm: [
    provisioned('vcpus', 'vcpu'),
    provisioned('memory', 'MB'),
    usage('cpu.util', '%'),
    usage('memory.usage', 'MB'),
    usage('disk.read.bytes.rate', 'KB/s'),
    usage('disk.write.bytes.rate', 'KB/s'),
    usage('disk.read.requests.rate', 'request/s'),
    usage('disk.write.requests.rate', 'request/s'),
    usage('network.incoming.bytes.rate', 'KB/s'),
    usage('network.outgoing.bytes.rate', 'KB/s'),
  ],
  host: [
    provisioned('vcpus', 'vcpu'),
    provisioned('memory', 'MB'),
    usage('cpu.util', '%'),
    usage('memory.usage', 'MB'),
  ],
  filer: [provisioned('disk.size', 'GB'), provisioned('disk.provisioned', 'GB'), usage('disk.used', 'GB')],
  datacenter: [],
} as const satisfies Record<CapacityResourceType, readonly CapacityMetric[]>;

/** The attributes the Capacity page groups VMs by. */
export const CAPACITY_GROUPINGS = ['cluster', 'host', 'folder', 'power_state'] as const;
export type CapacityGrouping = (typeof CAPACITY_GROUPINGS)[number];
