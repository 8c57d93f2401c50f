import { useMemo } from 'react';
import { useTranslation } from '@/web/lib/i18n';
import { useParams, useSearchParams } from 'react-router';
import { InventoryKindSchema, type InventoryKind } from '@/shared/api/inventory';
import type { SeriesResponse } from '@/shared/api/series';
import { FreshnessWithRetry, historyFreshness } from '@/web/components/freshness/freshness-status';
import { PreservedLink } from '@/web/components/layout/preserved-link';
import { VmPageTabs } from '@/web/components/navigation/vm-page-tabs';
import { EmptyState, ErrorState, LoadingState } from '@/web/components/states/query-states';
import { datacenterPath, useDatacenterRef } from '@/web/lib/datacenter-params';
import { useFormatter } from '@/web/lib/use-formatter';
import { useFilerCapacityKb } from '../api/get-filer-capacity';
import { seriesRefreshMs, useSeries, useServerPollInterval } from '../api/get-series';
import { exportBaseName } from '@/web/lib/download';
import { chartSpecs } from '../utils/chart-model';
import { rangeFileLabel, readRange, withRange, type GraphRange } from '@/web/components/time-range/range';
import { intervalLabel } from '@/web/components/charts/time-axis';
import { useTimeAxis } from '@/web/components/charts/use-time-axis';
import { MetricChart } from './metric-chart';
import { RangePanel } from '@/web/components/time-range/range-panel';
import './graphs.css';

// A filer's, host's or VM's history: period tabs and a custom range (both in the URL), then one chart per metric
// group sharing a crosshair. The previous period stays on screen, dimmed, while the next one loads; a failed
// refresh keeps the last graphs under a stale banner.

const PANEL_ID = 'graphs-panel';

function useEntityParams(): { kind: InventoryKind; id: number } {
  const params = useParams();
  const kind = InventoryKindSchema.safeParse(params.kind);
  if (!kind.success || !/^\d+$/.test(params.id ?? '')) {
    throw new Response('Not a graphs address', { status: 404 });
  }
  return { kind: kind.data, id: Number(params.id) };
}

interface GraphsBodyProps {
  data: SeriesResponse;
  syncId: string;
  capacityKb: number | null | undefined;
  fileLabel: string;
}

function GraphsBody({ data, syncId, capacityKb, fileLabel }: GraphsBodyProps) {
  const { t } = useTranslation('graphs');
  const format = useFormatter();
  const charts = useMemo(() => chartSpecs(data.series), [data.series]);
  const first = data.timestamps[0] ?? data.from;
  const last = data.timestamps[data.timestamps.length - 1] ?? data.to;
  const axis = useTimeAxis(first, last);

  return (
    <>
      <p className="graphs-summary">
        {t('summary', {
          count: data.timestamps.length,
          interval: intervalLabel(format.lang, data.intervalMs),
          from: format.dateTime(first),
          to: format.dateTime(last),
        })}
      </p>
      {charts.length === 0 ? (
        <EmptyState>{t('noCharts')}</EmptyState>
      ) : (
        <div className="graphs-grid">
          {charts.map((chart) => (
            <MetricChart
              key={chart.id}
              chart={chart}
              timestamps={data.timestamps}
              axis={axis}
              syncId={syncId}
              capacityKb={chart.group === 'space' ? capacityKb : undefined}
              fileBase={exportBaseName(data.entity.name, chart.id, fileLabel)}
            />
          ))}
        </div>
      )}
      <p className="graphs-source muted">{t('source', { source: data.source })}</p>
    </>
  );
}

export function GraphsPage() {
  const { t } = useTranslation('graphs');
  const dc = useDatacenterRef();
  const { kind, id } = useEntityParams();
  const [params, setParams] = useSearchParams();
  const { range, problem: urlProblem } = readRange(params);
  const pollIntervalMs = useServerPollInterval();
  const query = useSeries(dc, kind, id, range, pollIntervalMs);
  const capacity = useFilerCapacityKb(dc, id, kind === 'filers');
  const refreshMs = seriesRefreshMs(range, pollIntervalMs);
  const data = query.data;
  const show = (next: GraphRange) => setParams((previous) => withRange(previous, next), { replace: true });

  return (
    <div className="page graphs-page">
      <p className="graphs-back">
        <PreservedLink to={`${datacenterPath(dc)}/${kind}`}>
          <span aria-hidden="true">← </span>
          {t(`back.${kind}`)}
        </PreservedLink>
      </p>
      <div className="page-head">
        <h1>
          {t('title', { kind: t(`kind.${kind}`), name: data?.entity.name ?? id })}{' '}
          <span className="muted">· {t('subtitle')}</span>
        </h1>
        {data &&
          (refreshMs === false ? (
            <p className="muted">{t('custom.fixed')}</p>
          ) : (
            <FreshnessWithRetry
              // The history's end is the server's clock when it answered.
              freshness={historyFreshness(query, data.to, refreshMs)}
              onRetry={() => void query.refetch()}
            />
          ))}
      </div>
      {kind === 'vms' && <VmPageTabs dc={dc} vmId={id} />}
      <RangePanel
        range={range}
        problem={urlProblem}
        panelId={PANEL_ID}
        className="graphs-panel"
        busy={query.isFetching && (query.isPending || query.isPlaceholderData)}
        placeholder={query.isPlaceholderData}
        onRange={show}
      >
        {query.isPending ? (
          <LoadingState />
        ) : !data ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <GraphsBody
            data={data}
            syncId={`graphs-${kind}-${id}`}
            capacityKb={capacity.data}
            fileLabel={rangeFileLabel(range)}
          />
        )}
      </RangePanel>
    </div>
  );
}
