import { useId, type ReactNode } from 'react';
import { ChartExportActions, ChartExportError, useChartExport } from './chart-export';
import './chart-card.css';

/**
 * A chart's card: its title with the CSV and PNG export buttons, the feature's legend, why an export failed,
 * then the chart. The PNG is the whole card, as seen, less the buttons and the error.
 */
export function ChartCard({
  title,
  className,
  fileBase,
  csv,
  legend,
  children,
  ...data
}: {
  title: string;
  /** Classes added to `graph`. */
  className?: string;
  /** The exports' file name, without extension. */
  fileBase: string;
  csv: () => string;
  legend: ReactNode;
  children: ReactNode;
} & { [attribute: `data-${string}`]: string }) {
  const titleId = useId();
  const { figureRef, exportError, exportCsv, exportPng } = useChartExport(fileBase, csv);
  return (
    <figure
      className={className ? `graph ${className}` : 'graph'}
      aria-labelledby={titleId}
      ref={figureRef}
      {...data}
    >
      <div className="graph-head">
        <h2 id={titleId}>{title}</h2>
        <ChartExportActions chart={title} onCsv={exportCsv} onPng={exportPng} />
      </div>
      {legend}
      <ChartExportError error={exportError} />
      {children}
    </figure>
  );
}
