import type { GuestVmPoint } from '@/shared/api/guest';
import type { ChartGroup, LineLabel, MetricUnit } from '@/shared/metrics/catalog';
import type { ChartSpec } from '../../graphs/utils/chart-model';

// Guest figures drawn by the Graphs page's own charts: one chart per figure group, the agent's bytes per second
// as kB/s (the unit those charts scale from). A report is one sample, not a rollup, so no line has a band.

/** The figures the VM and each process share. */
export type GuestPoint = Pick<
  GuestVmPoint,
  'at' | 'cpuPercent' | 'memoryPercent' | 'diskReadBps' | 'diskWriteBps' | 'netInBps' | 'netOutBps'
>;
type Figure = Exclude<keyof GuestPoint, 'at'>;

interface GroupSpec {
  group: ChartGroup;
  unit: MetricUnit;
  lines: [LineLabel, Figure][];
}

const GROUPS: GroupSpec[] = [
  { group: 'cpu', unit: 'percent', lines: [['usage', 'cpuPercent']] },
  { group: 'memory', unit: 'percent', lines: [['usage', 'memoryPercent']] },
  {
    group: 'bandwidth',
    unit: 'KBps',
    lines: [
      ['read', 'diskReadBps'],
      ['write', 'diskWriteBps'],
    ],
  },
  {
    group: 'network',
    unit: 'KBps',
    lines: [
      ['rx', 'netInBps'],
      ['tx', 'netOutBps'],
    ],
  },
];

const BYTES_PER_KB = 1024;

export function guestChartSpecs(points: readonly GuestPoint[]): ChartSpec[] {
  return GROUPS.map(({ group, unit, lines }) => ({
    id: group,
    group,
    nic: null,
    unit,
    lines: lines.map(([label, figure], i) => {
      const scale = unit === 'KBps' ? BYTES_PER_KB : 1;
      const avg = points.map((p) => (p[figure] === null ? null : p[figure] / scale));
      const none = points.map(() => null);
      return {
        key: `s${i}`,
        label,
        series: { metric: `guest.${figure}`, unit, nic: null, avg, min: none, max: none },
      };
    }),
  }));
}
