import { useTranslation } from '@/web/lib/i18n';
import type { DatacenterSummary } from '@/shared/api/inventory';
import { useFormatter } from '@/web/lib/use-formatter';
import { Gauge } from './gauge';

/** The datacenter in a row: CPU, RAM and storage use, hosts connected, and VMs by power state. */
export function DatacenterFigures({
  summary,
  gauges = true,
}: {
  summary: DatacenterSummary;
  gauges?: boolean;
}) {
  const { t } = useTranslation('wall');
  const format = useFormatter();
  const { hosts, vms } = summary;
  const counts = [
    { key: 'poweredOn', value: vms.poweredOn },
    { key: 'poweredOff', value: vms.poweredOff },
    { key: 'suspended', value: vms.suspended },
  ] as const;
  return (
    <div className="wall-figures">
      {gauges && (
        <div className="wall-gauges">
          <Gauge percent={summary.cpu.percent} metric="cpuPercent" label={t('metric.cpuPercent')} />
          <Gauge percent={summary.memory.percent} metric="memoryPercent" label={t('metric.memoryPercent')} />
          <Gauge percent={summary.storage.percent} metric="filerUsedPercent" label={t('storage')} />
        </div>
      )}
      <dl className="wall-counts">
        <div>
          <dt>{t('hosts')}</dt>
          <dd>
            <span className="wall-figure">
              {t('connectedOf', { connected: hosts.connected, total: hosts.total })}
            </span>
            {hosts.inMaintenance > 0 && (
              <span className="level level-warning">
                {' '}
                · {t('inMaintenance', { count: hosts.inMaintenance })}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('vms', { count: vms.total })}</dt>
          <dd className="wall-power">
            {counts.map(({ key, value }) => (
              <span key={key} className={`power power-${key}`}>
                <span className="wall-figure">{format.number(value, 0)}</span> {t(`power.${key}`)}
              </span>
            ))}
          </dd>
        </div>
      </dl>
    </div>
  );
}
