import { useTranslation } from '@/web/lib/i18n';
import { LevelBadge } from '@/web/components/status/level-badge';
import { UsageBar } from '@/web/components/status/usage-bar';
import { useFormatter } from '@/web/lib/use-formatter';
import type { WallFiler } from '../api/get-wall-datacenter';

/** Filer fill levels: a bar per datastore coloured by its threshold, with the free space beside it. */
export function FilerLevels({ filers, className }: { filers: readonly WallFiler[]; className: string }) {
  const { t } = useTranslation('wall');
  const format = useFormatter();
  return (
    <ul className={`wall-filers ${className}`}>
      {filers.map((filer) => (
        <li key={filer.filerId}>
          <span className="wall-name">{filer.name}</span>
          {filer.connectionState === 'offline' || filer.state === 'error' ? (
            <LevelBadge level="critical" label={t(filer.state === 'error' ? 'filerError' : 'filerOffline')} />
          ) : (
            <UsageBar
              percent={filer.usedPercent}
              metric="filerUsedPercent"
              detail={t('free', {
                size: format.size(filer.spaceFree, 'GB'),
              })}
            />
          )}
        </li>
      ))}
    </ul>
  );
}
