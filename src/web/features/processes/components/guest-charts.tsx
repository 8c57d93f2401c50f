import { useMemo } from 'react';
import { exportBaseName } from '@/web/lib/download';
import { useTimeAxis } from '@/web/components/charts/use-time-axis';
import { MetricChart } from '../../graphs/components/metric-chart';
import { guestChartSpecs, type GuestPoint } from '../utils/guest-charts';
import '../../graphs/components/graphs.css';

interface GuestChartsProps {
  points: readonly GuestPoint[];
  /** Charts of one set share a crosshair. */
  syncId: string;
  /** What the exports are named after: the VM, or the VM and the process. */
  fileName: string;
}

/** A VM's or a process's recent figures as the Graphs page's charts, on a time axis of its own span. */
export function GuestCharts({ points, syncId, fileName }: GuestChartsProps) {
  const charts = useMemo(() => guestChartSpecs(points), [points]);
  const timestamps = useMemo(() => points.map((p) => p.at), [points]);
  const first = timestamps[0] ?? 0;
  const last = timestamps[timestamps.length - 1] ?? first;
  const roundAxis = useTimeAxis(first, last);
  // Minutes of reports may hold no round hour: their ends then mark the axis.
  const axis = useMemo(
    () => (roundAxis.ticks.length >= 2 ? roundAxis : { ...roundAxis, ticks: [first, last] }),
    [roundAxis, first, last],
  );

  return (
    <div className="graphs-grid guest-charts">
      {charts.map((chart) => (
        <MetricChart
          key={chart.id}
          chart={chart}
          timestamps={timestamps}
          axis={axis}
          syncId={syncId}
          fileBase={exportBaseName(fileName, chart.id, 'recent')}
        />
      ))}
    </div>
  );
}
