import type { GuestVmPoint } from '@/shared/api/guest';
import { EmptyState } from '@/web/components/states/query-states';
import { useTranslation } from '@/web/lib/i18n';
import { useFormatter } from '@/web/lib/use-formatter';
import { GuestCharts } from './guest-charts';

const BYTES_PER_KB = 1024;

/** The VM as its agent last measured it, then its recent history. */
export function GuestSummary({ history, vmName }: { history: readonly GuestVmPoint[]; vmName: string }) {
  const { t } = useTranslation('processes');
  const format = useFormatter();
  const latest = history[history.length - 1];
  if (!latest) return <EmptyState>{t('state.noFigures')}</EmptyState>;
  const rate = (bps: number | null) => format.rateKbps(bps === null ? null : bps / BYTES_PER_KB);
  const figures: [string, string][] = [
    [t('summary.cpu'), format.percent(latest.cpuPercent)],
    [t('summary.memory'), format.percent(latest.memoryPercent)],
    [t('summary.diskRead'), rate(latest.diskReadBps)],
    [t('summary.diskWrite'), rate(latest.diskWriteBps)],
    [t('summary.netIn'), rate(latest.netInBps)],
    [t('summary.netOut'), rate(latest.netOutBps)],
    [t('summary.processes'), format.number(latest.processCount, 0)],
  ];
  return (
    <section className="guest-summary" aria-labelledby="guest-summary-title">
      <h2 id="guest-summary-title">{t('summary.title')}</h2>
      <dl className="guest-figures">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">{t('summary.history')}</p>
      <GuestCharts points={history} syncId="guest-vm" fileName={vmName} />
    </section>
  );
}
