import { useTranslation } from '@/web/lib/i18n';
import { alertLevel, worstLevel, type AlertLevel } from '@/shared/thresholds/thresholds';
import { LevelBadge } from '@/web/components/status/level-badge';
import type { WallHost } from '../api/get-wall-datacenter';
import { Gauge } from './gauge';

type HostCondition = 'connected' | 'maintenance' | 'disconnected' | 'notResponding' | 'error' | 'unknown';

/** What the host is doing, judged like a threshold: anything but connected and delivered needs a look. */
function conditionOf(host: WallHost): { condition: HostCondition; level: AlertLevel } {
  if (host.state === 'error') return { condition: 'error', level: 'critical' };
  if (host.connectionState === 'disconnected') return { condition: 'disconnected', level: 'critical' };
  if (host.connectionState === 'notResponding') return { condition: 'notResponding', level: 'critical' };
  if (host.inMaintenance) return { condition: 'maintenance', level: 'warning' };
  if (host.connectionState === 'connected') return { condition: 'connected', level: 'ok' };
  return { condition: 'unknown', level: 'warning' };
}

/** Host tiles: name, cluster, state, and CPU and RAM gauges; the tile's edge takes the worst of the three. */
export function HostTiles({ hosts, className }: { hosts: readonly WallHost[]; className: string }) {
  const { t } = useTranslation('wall');
  return (
    <ul className={`wall-hosts ${className}`}>
      {hosts.map((host) => {
        const { condition, level } = conditionOf(host);
        const worst = worstLevel([
          level,
          alertLevel('cpuPercent', host.cpuPercent),
          alertLevel('memoryPercent', host.memoryPercent),
        ]);
        return (
          <li key={host.hostId} className={`wall-host tile-${worst}`}>
            <strong className="wall-name">{host.name}</strong>
            <div className="wall-host-state">
              <LevelBadge level={level} label={t(`hostCondition.${condition}`)} />
              {host.clusterName && <span className="muted wall-name">{host.clusterName}</span>}
            </div>
            <div className="wall-gauges">
              <Gauge percent={host.cpuPercent} metric="cpuPercent" label={t('metric.cpuPercent')} />
              <Gauge percent={host.memoryPercent} metric="memoryPercent" label={t('metric.memoryPercent')} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
