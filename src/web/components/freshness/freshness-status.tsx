import type { UseQueryResult } from '@tanstack/react-query';
import { REQUEST_TIMEOUT_MS } from '@/web/lib/api-client';
import { useTranslation } from '@/web/lib/i18n';
import { countdown } from '@/web/lib/format';
import { pollIntervalOf } from '@/web/lib/polling';
import { useFormatter } from '@/web/lib/use-formatter';
import { freshnessView, type FreshnessInput, type StaleReason } from './freshness';
import { useNow } from './use-now';
import './freshness.css';

/** The freshness of what a page shows, and whether a poll is under way: a query's result is one. */
export type FreshnessStatusInput = FreshnessInput & { isFetching: boolean };

/** The freshness of a history a page polls itself. A history has no staleness of its own: it was fetched at
 * `fetchedAt` and is due again after `refreshMs`; only a failed poll makes it stale. */
export function historyFreshness(
  query: UseQueryResult,
  fetchedAt: number,
  refreshMs: number,
): FreshnessStatusInput {
  return {
    data: { fetchedAt, stale: false, pollIntervalMs: refreshMs },
    dataUpdatedAt: query.dataUpdatedAt,
    errorUpdatedAt: query.errorUpdatedAt,
    error: query.error,
    isError: query.isError,
    isFetching: query.isFetching,
  };
}

export function useFreshness(freshness: FreshnessInput) {
  const now = useNow();
  const interval = pollIntervalOf(freshness.data);
  return { view: freshnessView(freshness, interval, now), now };
}

function useReasonText(): (reason: StaleReason) => string {
  const { t } = useTranslation();
  const format = useFormatter();
  return (reason) => {
    switch (reason.kind) {
      case 'message':
        return reason.message;
      case 'timeout':
        return t('freshness.timeout', { seconds: REQUEST_TIMEOUT_MS / 1000 });
      case 'refreshUnderWay':
        return t('freshness.refreshUnderWay', { time: format.time(reason.since) });
      default:
        return t(`freshness.${reason.kind}`);
    }
  };
}

/** "Updated 12:03:41 · next in 2:15", and above the data, when it is stale, a banner saying since when and why. */
export function FreshnessStatus({ freshness }: { freshness: FreshnessStatusInput }) {
  const { t } = useTranslation();
  const format = useFormatter();
  const { view, now } = useFreshness(freshness);
  const reasonText = useReasonText();
  return (
    <div className="freshness">
      <p className="freshness-clock" aria-live="off">
        {view.updatedAt !== undefined && (
          <span>{t('freshness.updated', { time: format.time(view.updatedAt) })}</span>
        )}
        {freshness.isFetching ? (
          <span> · {t('freshness.refreshing')}</span>
        ) : (
          view.nextAt !== undefined && (
            <span> · {t('freshness.next', { countdown: countdown(view.nextAt - now) })}</span>
          )
        )}
      </p>
      {view.stale && (
        <div className={`stale-banner stale-${view.stale.severity}`} role="alert">
          <span aria-hidden="true">{view.stale.severity === 'red' ? '✖' : '⚠'}</span>{' '}
          <strong>{t('freshness.staleSince', { time: format.time(view.stale.since) })}</strong>{' '}
          <span>({reasonText(view.stale.reason)})</span>{' '}
          <span>{t('freshness.age', { age: format.duration((now - view.stale.since) / 1000) })}</span>
        </div>
      )}
    </div>
  );
}

/** The status line of a page's own polled data, with a retry once its last poll failed. */
export function FreshnessWithRetry({
  freshness,
  onRetry,
}: {
  freshness: FreshnessStatusInput;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="freshness-with-retry">
      <FreshnessStatus freshness={freshness} />
      {freshness.isError && (
        <button type="button" onClick={onRetry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}
