import { useSuspenseQuery } from '@tanstack/react-query';
import { useTranslation } from '../lib/i18n';
import { Outlet, useNavigate, useSearchParams } from 'react-router';
import { sessionQueryOptions, useLogout } from '../features/auth/api/session';
import { withPreservedParams } from '../lib/preferences';
import { PreferencesControls } from '../components/layout/preferences-controls';
import { PreservedLink, PreservedNavLink } from '../components/layout/preserved-link';

/** The signed-in frame: brand, where you are, preferences, who you are. The route loader has the session. */
export function AppLayout() {
  const { t } = useTranslation();
  const { data } = useSuspenseQuery(sessionQueryOptions());
  const logout = useLogout();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const kiosk = params.has('kiosk');

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      {!kiosk && (
        <header className="topbar">
          <PreservedLink to="/" className="brand">
            <img src="/favicon.svg" alt="" width={22} height={22} /> vScope
          </PreservedLink>
          <nav aria-label={t('nav.main')} className="topnav">
            <PreservedNavLink to="/" end>
              {t('nav.datacenters')}
            </PreservedNavLink>
            {data.user.role === 'admin' && (
              <>
                <PreservedNavLink to="/admin/displays">{t('nav.displays')}</PreservedNavLink>
                <PreservedNavLink to="/admin/api-tokens">{t('nav.apiTokens')}</PreservedNavLink>
              </>
            )}
          </nav>
          <PreferencesControls />
          <div className="user">
            <span title={data.user.provider}>{data.user.username}</span>
            <button
              type="button"
              onClick={() =>
                logout.mutate(undefined, {
                  onSettled: () => void navigate(withPreservedParams('/login', params), { replace: true }),
                })
              }
            >
              {t('nav.signOut')}
            </button>
          </div>
        </header>
      )}
      <main id="main" className="content">
        <Outlet />
      </main>
    </div>
  );
}
