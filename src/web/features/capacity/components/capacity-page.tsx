import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { CAPACITY_AGGREGATIONS, CAPACITY_GRANULARITIES } from '@/shared/capacity/catalog';
import { FreshnessWithRetry, historyFreshness } from '@/web/components/freshness/freshness-status';
import { useNow } from '@/web/components/freshness/use-now';
import { EmptyState, ErrorState, LoadingState } from '@/web/components/states/query-states';
import { exportBaseName } from '@/web/lib/download';
import { rangeFileLabel } from '@/web/components/time-range/range';
import { RangePanel } from '@/web/components/time-range/range-panel';
import { intervalLabel } from '@/web/components/charts/time-axis';
import { ApiError } from '@/web/lib/api-client';
import { useDatacenterRef } from '@/web/lib/datacenter-params';
import { useTranslation } from '@/web/lib/i18n';
import { useFormatter } from '@/web/lib/use-formatter';
import { aggregatesQueryOptions, CAPACITY_REFRESH_MS } from '../api/get-aggregates';
import { capacityRequests } from '../utils/aggregates-request';
import { OTHER_KEY } from '../utils/capacity-model';
import {
  MEASURE_NAMES,
  MEASURES,
  readView,
  withView,
  type Aggregation,
  type CapacityView,
  type Grouping,
  type MeasureName,
} from '../utils/capacity-view';
import { problemFromGnocchi, unbalancedAt, type FilterProblem } from '../utils/filter-problem';
import { CapacityChart } from './capacity-chart';
import { CapacityTable } from './capacity-table';
import { CopyRequest } from './copy-request';
import { SearchField } from './search-field';
import './capacity.css';

// A datacenter's capacity: what its VMs (or filers) were provisioned against what its hosts (or filers) offer,
// over a period or a custom range, as one aggregate or grouped, filtered by a Gnocchi search. Everything comes
// from the metering API with the browser's session, the request a Gnocchi client would make; every choice is
// in the URL.

const PANEL_ID = 'capacity-panel';

function filterProblemOf(view: CapacityView, error: unknown): FilterProblem | undefined {
  const unbalanced = unbalancedAt(view.search);
  if (unbalanced !== undefined) return { kind: 'unbalanced', at: unbalanced, message: '' };
  if (error instanceof ApiError && error.status === 400)
    return problemFromGnocchi(error.message, view.search);
  return undefined;
}

function Select<T extends string | number>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T | '';
  options: { value: T | ''; label: string }[];
  onChange: (value: string) => void;
}) {
  return (
    <label className="capacity-select">
      <span>{label}</span>
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function CapacityPage() {
  const { t } = useTranslation('capacity');
  const format = useFormatter();
  const dc = useDatacenterRef();
  const [params, setParams] = useSearchParams();
  const { view, rangeProblem } = readView(params);
  const measure = MEASURES[view.measure];
  // A minute's clock is enough: the requests' bounds are rounded to the granularity, five minutes or more.
  const now = useNow(60_000);
  const requests = useMemo(() => capacityRequests(dc, view, now), [dc, view, now]);
  const unbalanced = unbalancedAt(view.search) !== undefined;
  const live = 'period' in view.range;
  const provisioned = useQuery({
    ...aggregatesQueryOptions(dc, requests.provisioned, live),
    enabled: !unbalanced,
  });
  const offered = useQuery(aggregatesQueryOptions(dc, requests.offered, live));
  const problem = filterProblemOf(view, provisioned.error);
  const show = (next: Partial<CapacityView>) =>
    setParams((previous) => withView(previous, { ...view, ...next }), { replace: false });

  const unit = measure.unit;
  const value = (v: number | null | undefined) =>
    unit === 'vcpu' ? format.number(v, 1) : format.size(v, unit);
  const seriesLabel = (key: string) =>
    key === '' ? t('all') : key === OTHER_KEY ? t('other') : key === '—' ? t('unknownGroup') : key;
  const title = t(`provisioned.${view.measure}`);
  const offeredLabel = t(`offered.${view.measure}`);
  const data = provisioned.data;
  const offeredLatest = offered.data?.series[0]?.values.findLast((v): v is number => v !== null) ?? null;
  const fileBase = exportBaseName(
    `${dc.serviceName}-${dc.datacenterId}`,
    ['capacity', view.measure, view.group].filter(Boolean).join('-'),
    rangeFileLabel(view.range),
  );

  let body: React.ReactNode;
  if (unbalanced || (problem && !data)) body = null;
  else if (provisioned.isPending) body = <LoadingState />;
  else if (!data)
    body = problem ? null : (
      <ErrorState error={provisioned.error} onRetry={() => void provisioned.refetch()} />
    );
  else if (data.series.length === 0) body = <EmptyState>{t('empty')}</EmptyState>;
  else
    body = (
      <>
        <p className="capacity-summary">
          {t('summary', {
            count: data.timestamps.length,
            interval: intervalLabel(format.lang, Number(requests.provisioned.query.granularity) * 1000),
            from: format.dateTime(data.timestamps[0]!),
            to: format.dateTime(data.timestamps[data.timestamps.length - 1]!),
          })}
        </p>
        <CapacityChart
          title={title}
          data={data}
          offered={offered.data}
          offeredLabel={offeredLabel}
          seriesLabel={seriesLabel}
          value={value}
          fileBase={fileBase}
        />
        <CapacityTable
          caption={t('table.caption', { measure: title })}
          data={data}
          offeredLatest={offeredLatest}
          seriesLabel={seriesLabel}
          value={value}
        />
      </>
    );

  return (
    <div className="page capacity-page">
      <div className="page-head">
        <h1>
          {t('title')} <span className="muted">· {t('subtitle')}</span>
        </h1>
        {data &&
          (live ? (
            <FreshnessWithRetry
              freshness={historyFreshness(provisioned, provisioned.dataUpdatedAt, CAPACITY_REFRESH_MS)}
              onRetry={() => void provisioned.refetch()}
            />
          ) : (
            <p className="muted">{t('fixed')}</p>
          ))}
      </div>
      <div className="capacity-controls">
        <Select
          label={t('measure.label')}
          value={view.measure}
          options={MEASURE_NAMES.map((m) => ({ value: m, label: t(`measure.${m}`) }))}
          onChange={(m) => show({ measure: m as MeasureName, group: undefined, search: '' })}
        />
        <Select
          label={t('group.label')}
          value={view.group ?? ''}
          options={[
            { value: '', label: t('group.none') },
            ...measure.groupings.map((g) => ({ value: g, label: t(`group.${g}`) })),
          ]}
          onChange={(g) => show({ group: (g || undefined) as Grouping | undefined })}
        />
        <Select
          label={t('aggregation.label')}
          value={view.aggregation}
          options={CAPACITY_AGGREGATIONS.map((a) => ({ value: a, label: t(`aggregation.${a}`) }))}
          onChange={(a) => show({ aggregation: a as Aggregation })}
        />
        <Select
          label={t('granularity.label')}
          value={view.granularity ?? ''}
          options={[
            { value: '', label: t('granularity.auto') },
            ...CAPACITY_GRANULARITIES.map((g) => ({ value: g, label: intervalLabel(format.lang, g * 1000) })),
          ]}
          onChange={(g) => show({ granularity: g === '' ? undefined : Number(g) })}
        />
      </div>
      <SearchField
        key={`${view.measure}|${view.search}`}
        value={view.search}
        resourceType={measure.resourceType}
        withPresets={measure.resourceType === 'vm'}
        problem={problem}
        onSearch={(search) => show({ search })}
      />
      <RangePanel
        range={view.range}
        problem={rangeProblem}
        panelId={PANEL_ID}
        className="capacity-panel"
        busy={provisioned.isFetching && (provisioned.isPending || provisioned.isPlaceholderData)}
        placeholder={provisioned.isPlaceholderData}
        onRange={(range) => show({ range })}
      >
        {body}
      </RangePanel>
      <CopyRequest request={requests.provisioned} />
    </div>
  );
}
