import { useTranslation } from '@/web/lib/i18n';
import { alertLevel, type ThresholdMetric } from '@/shared/thresholds/thresholds';
import { levelIcon } from '@/web/components/status/level-badge';
import { useFormatter } from '@/web/lib/use-formatter';
import type { WallDatacenter, WallVm } from '../api/get-wall-datacenter';

const LISTS = [
  { key: 'cpu', metric: 'cpuPercent' },
  { key: 'ready', metric: 'cpuReadyPercent' },
  { key: 'latency', metric: 'latencyMs' },
] as const satisfies readonly { key: keyof WallDatacenter['topVms']; metric: ThresholdMetric }[];

function TopList({ title, vms, metric }: { title: string; vms: readonly WallVm[]; metric: ThresholdMetric }) {
  const { t } = useTranslation('wall');
  const format = useFormatter();
  const headingId = `top-${metric}`;
  return (
    <section className="wall-panel wall-top" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {vms.length === 0 ? (
        <p className="muted">{t('top.none')}</p>
      ) : (
        <ol>
          {vms.map((vm) => {
            const level = alertLevel(metric, vm.value);
            return (
              <li key={vm.vmId} className={`tile-${level}`}>
                <span className="wall-name">
                  {vm.name}
                  {vm.hostName && <span className="muted"> · {vm.hostName}</span>}
                </span>
                <span className="wall-figure">
                  {level !== 'ok' && (
                    <span role="img" aria-label={t(`level.${level}`, { ns: 'common' })}>
                      {levelIcon(level)}{' '}
                    </span>
                  )}
                  {metric === 'latencyMs' ? format.ms(vm.value) : format.percent(vm.value)}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** The busiest powered-on VMs by CPU, by CPU ready and by disk latency, worst first. */
export function TopVms({ topVms, count }: { topVms: WallDatacenter['topVms']; count: number }) {
  const { t } = useTranslation('wall');
  return (
    <div className="wall-tops">
      {LISTS.map(({ key, metric }) => (
        <TopList key={key} title={t(`top.${key}`)} vms={topVms[key].slice(0, count)} metric={metric} />
      ))}
    </div>
  );
}
