import type { ReactNode } from 'react';
import { useTranslation } from '@/web/lib/i18n';
import type { Datacenter } from '@/shared/ovh/models';
import { worstLevel } from '@/shared/thresholds/thresholds';
import { FreshnessStatus } from '@/web/components/freshness/freshness-status';
import { ErrorState, LoadingState } from '@/web/components/states/query-states';
import { LevelBadge } from '@/web/components/status/level-badge';
import { UsageBar, type UsageBarProps } from '@/web/components/status/usage-bar';
import { PreservedLink } from '@/web/components/layout/preserved-link';
import { datacenterPath } from '@/web/lib/datacenter-params';
import { useFormatter } from '@/web/lib/use-formatter';
import { NO_VALUE } from '@/web/lib/format';
import { useVcpuRatio } from '@/web/features/capacity/api/get-vcpu-ratio';
import { useSummary } from '../api/get-summary';

const SHOWN_ALERTS = 3;

/** One of the card's figures: its name, then its value. */
function Figure({ term, children }: { term: ReactNode; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A figure shown as a use against its threshold. */
function UsageFigure({ term, ...bar }: UsageBarProps & { term: ReactNode }) {
  return (
    <Figure term={term}>
      <UsageBar {...bar} />
    </Figure>
  );
}

/** The VMs' vCPUs per logical CPU of the hosts, from the metering API, linking to the Capacity page. */
function VcpuRatioFigure({ dc }: { dc: { serviceName: string; datacenterId: number } }) {
  const { t } = useTranslation('datacenters');
  const format = useFormatter();
  const query = useVcpuRatio(dc);
  const ratio = query.data;
  let text: string;
  if (query.isPending) text = t('state.loading', { ns: 'common' });
  else if (ratio)
    text = t('vcpuRatioFigure', {
      ratio: ratio.ratio === null ? NO_VALUE : format.number(ratio.ratio, 1),
      provisioned: format.number(ratio.provisioned, 0),
      offered: format.number(ratio.offered, 0),
    });
  else text = query.error ? NO_VALUE : t('vcpuRatioNone');
  return (
    <Figure term={<PreservedLink to={`${datacenterPath(dc)}/capacity`}>{t('vcpuRatio')}</PreservedLink>}>
      {text}
    </Figure>
  );
}

/** One datacenter at a glance: hosts, VMs, CPU, RAM, storage, the provisioned vCPU ratio and the worst alerts. */
export function DatacenterCard({ serviceName, datacenter }: { serviceName: string; datacenter: Datacenter }) {
  const { t } = useTranslation('datacenters');
  const format = useFormatter();
  const ref = { serviceName, datacenterId: datacenter.datacenterId };
  const query = useSummary(ref);
  const summary = query.data?.summary;
  const headingId = `dc-${serviceName}-${datacenter.datacenterId}`;

  return (
    <article className="dc-card" aria-labelledby={headingId}>
      <header>
        <h3 id={headingId}>
          <PreservedLink to={`${datacenterPath(ref)}/hosts`}>{datacenter.name}</PreservedLink>
        </h3>
        <p className="muted">
          {datacenter.commercialRangeName} · vSphere {datacenter.version}
          {datacenter.description && ` · ${datacenter.description}`}
        </p>
      </header>
      {query.isPending ? (
        <LoadingState />
      ) : !summary ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <FreshnessStatus freshness={query} />
          <dl className="dc-figures">
            <Figure term={t('hosts')}>
              <PreservedLink to={`${datacenterPath(ref)}/hosts`}>
                {t('hostsFigure', { connected: summary.hosts.connected, total: summary.hosts.total })}
              </PreservedLink>
              {summary.hosts.inMaintenance > 0 && (
                <span className="muted"> · {t('inMaintenance', { count: summary.hosts.inMaintenance })}</span>
              )}
            </Figure>
            <Figure term={t('vms')}>
              <PreservedLink to={`${datacenterPath(ref)}/vms`}>
                {t('vmsFigure', { on: summary.vms.poweredOn, total: summary.vms.total })}
              </PreservedLink>
            </Figure>
            <UsageFigure
              term={t('cpu')}
              percent={summary.cpu.percent}
              metric="cpuPercent"
              detail={`${format.mhz(summary.cpu.used)} / ${format.mhz(summary.cpu.total)}`}
            />
            <UsageFigure
              term={t('memory')}
              percent={summary.memory.percent}
              metric="memoryPercent"
              detail={`${format.size(summary.memory.used, 'MB')} / ${format.size(summary.memory.total, 'MB')}`}
            />
            <UsageFigure
              term={<PreservedLink to={`${datacenterPath(ref)}/filers`}>{t('storage')}</PreservedLink>}
              percent={summary.storage.percent}
              metric="filerUsedPercent"
              detail={`${format.size(summary.storage.used, 'GB')} / ${format.size(summary.storage.total, 'GB')}`}
            />
            <VcpuRatioFigure dc={ref} />
          </dl>
          <section className="dc-alerts" aria-label={t('alerts')}>
            <h4>
              <LevelBadge level={worstLevel(summary.alerts.map((a) => a.level))} />{' '}
              {t('alertCount', { count: summary.alerts.length })}
            </h4>
            {summary.alerts.length > 0 && (
              <ul>
                {summary.alerts.slice(0, SHOWN_ALERTS).map((alert) => (
                  <li key={`${alert.kind}-${alert.id}-${alert.metric}`}>
                    <LevelBadge level={alert.level} label={alert.name} /> {t(`metric.${alert.metric}`)}{' '}
                    {alert.metric === 'latencyMs' ? format.ms(alert.value) : format.percent(alert.value)}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </article>
  );
}
