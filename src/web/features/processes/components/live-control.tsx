import { useTranslation } from '@/web/lib/i18n';
import { useFormatter } from '@/web/lib/use-formatter';
import { LIVE_POLL_MS } from '../api/guest-polling';
import type { LiveMode } from '../api/use-live-mode';

/** The Live button, or while Live is on, the mode it is in and a way to stop it. */
export function LiveControl({ live }: { live: LiveMode }) {
  const { t } = useTranslation('processes');
  const format = useFormatter();
  return (
    <div className="live-control">
      {live.until === null ? (
        <button type="button" onClick={live.start} disabled={live.starting}>
          {live.starting ? t('live.starting') : t('live.start')}
        </button>
      ) : (
        <p className="live-mode" role="status">
          <span className="live-dot" aria-hidden="true" />
          {t('live.mode', { seconds: LIVE_POLL_MS / 1000, time: format.clock(live.until) })}{' '}
          <button type="button" onClick={live.stop}>
            {t('live.stop')}
          </button>
        </p>
      )}
      {live.error && (
        <p className="form-error" role="alert">
          {t('live.failed', { message: live.error.message })}
        </p>
      )}
    </div>
  );
}
