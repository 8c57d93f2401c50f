import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '@/web/lib/i18n';
import { useLocation, useNavigate } from 'react-router';
import { PreservedLink } from '@/web/components/layout/preserved-link';
import { LoadingState } from '@/web/components/states/query-states';
import { displayEnd, useDisplayTokenExchange, wallSessionQueryOptions } from '../api/wall-session';
import { WallScreen } from './wall-screen';
import './wall.css';

/** The display token a link carries in its fragment (`/wall#token=…`), kept out of server logs. */
function tokenFromHash(hash: string): string | undefined {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? undefined;
}

/** A full screen in place of the wall, for when it has nothing it may show. */
function WallMessage({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <main className="wall wall-message">
      <div role="alert">
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}

/**
 * `/wall`: a NOC screen. A display opens it with its token in the fragment, trades it for a session once and
 * drops it from the address; a signed-in user opens it with their own session. It never shows a login form:
 * a lapsed display session is re-established from the display cookie, and a refused display says so.
 */
export function WallPage() {
  const { t } = useTranslation('wall');
  const location = useLocation();
  const navigate = useNavigate();
  const [token] = useState(() => tokenFromHash(location.hash));
  const exchange = useDisplayTokenExchange();
  const { mutate: exchangeToken } = exchange;
  const started = useRef(false);

  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    exchangeToken(token, {
      // Out of the address bar and the history once the server has answered. While it cannot be reached the
      // link stays, so that reloading the page still has the token.
      onSettled: () =>
        void navigate({ pathname: location.pathname, search: location.search, hash: '' }, { replace: true }),
    });
  }, [token, exchangeToken, navigate, location.pathname, location.search]);

  const session = useQuery({
    ...wallSessionQueryOptions(),
    enabled: (query) => (!token || exchange.isSuccess) && !displayEnd(query.state.error),
  });

  const endedBy = exchange.error ?? session.error;
  const end = displayEnd(endedBy);
  if (end === 'revoked') {
    return (
      <WallMessage title={t('revoked.title')}>
        <p>{t('revoked.detail')}</p>
      </WallMessage>
    );
  }
  if (end === 'unpaired') {
    const next = `/login?next=${encodeURIComponent(location.pathname + location.search)}`;
    return (
      <WallMessage title={t('unpaired.title')}>
        <p>{t('unpaired.detail')}</p>
        {endedBy instanceof Error && <p className="muted">{endedBy.message}</p>}
        <p>
          <PreservedLink to={next}>{t('unpaired.signIn')}</PreservedLink>
        </p>
      </WallMessage>
    );
  }
  if (!session.data) {
    const failure = exchange.failureReason ?? session.error;
    return (
      <main className="wall wall-message">
        <LoadingState label={t('connecting')} />
        {failure && (
          <p className="muted" role="status">
            {t('retrying', { reason: failure.message })}
          </p>
        )}
      </main>
    );
  }
  return <WallScreen user={session.data.user} />;
}
