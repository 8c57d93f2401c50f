import { EmptyState, ErrorState, LoadingState } from '@/web/components/states/query-states';
import type { DatacenterRef } from '@/web/lib/api-paths';
import { useTranslation } from '@/web/lib/i18n';
import { useProcessHistory } from '../api/get-process-history';
import { GuestCharts } from './guest-charts';

interface ProcessHistoryProps {
  dc: DatacenterRef;
  vmId: number;
  vmName: string;
  name: string;
  live: boolean;
  onClose: () => void;
}

/** One process's own records over time, as small charts above the table it was opened from. */
export function ProcessHistory({ dc, vmId, vmName, name, live, onClose }: ProcessHistoryProps) {
  const { t } = useTranslation('processes');
  const query = useProcessHistory(dc, vmId, name, live);
  const points = query.data?.points;
  return (
    <section className="process-history" aria-labelledby="process-history-title">
      <div className="process-history-head">
        <h2 id="process-history-title">{t('process.title', { name })}</h2>
        <button type="button" onClick={onClose}>
          {t('process.close')}
        </button>
      </div>
      {query.isPending ? (
        <LoadingState />
      ) : !points ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : points.length === 0 ? (
        <EmptyState>{t('process.empty')}</EmptyState>
      ) : (
        <GuestCharts points={points} syncId="guest-process" fileName={`${vmName}_${name}`} />
      )}
    </section>
  );
}
