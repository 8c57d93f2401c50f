import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from '@/web/lib/i18n';

// The three states a page shows before or instead of data. None of them looks like a healthy empty table.

export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('state.loading')}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="state state-error" role="alert">
      <strong>
        <span aria-hidden="true">✖ </span>
        {t('state.error')}
      </strong>
      <p>{message}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return (
    <div className="state state-empty" role="status">
      {children}
    </div>
  );
}

/** What a page shows until every query it needs has data: loading while one is under way, else the first
 * failure, with a retry of that query. */
export function QueriesState({ queries }: { queries: readonly UseQueryResult[] }) {
  if (queries.some((query) => query.isPending)) return <LoadingState />;
  const failed = queries.find((query) => !query.data);
  return failed ? <ErrorState error={failed.error} onRetry={() => void failed.refetch()} /> : null;
}
