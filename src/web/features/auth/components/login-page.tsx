import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from '@/web/lib/i18n';
import { useNavigate, useSearchParams } from 'react-router';
import { LoginProviderSchema, type LoginProvider } from '@/shared/api/session';
import { ApiError } from '@/web/lib/api-client';
import { withPreservedParams } from '@/web/lib/preferences';
import { useLogin } from '../api/session';

/** Where to go after sign-in: only a path of this app, never another origin. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const login = useLogin();
  const [provider, setProvider] = useState<LoginProvider>('local');
  const errorId = useId();
  const expired = params.get('expired') === '1';

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    login.mutate(
      {
        username: (form.get('username') as string | null) ?? '',
        password: (form.get('password') as string | null) ?? '',
        provider,
      },
      {
        onSuccess: () =>
          void navigate(withPreservedParams(safeNext(params.get('next')), params), { replace: true }),
      },
    );
  };

  const error = login.error;
  const message =
    error instanceof ApiError
      ? error.code === 'invalid_credentials'
        ? t('login.invalid')
        : error.message
      : error
        ? t('login.failed')
        : undefined;

  return (
    <main className="login">
      <form className="login-card" onSubmit={onSubmit} aria-describedby={message ? errorId : undefined}>
        <h1>
          <img src="/favicon.svg" alt="" width={28} height={28} /> vScope
        </h1>
        <p className="login-lead">{t('login.lead')}</p>
        {expired && !message && (
          <p className="notice" role="status">
            {t('login.expired')}
          </p>
        )}
        {message && (
          <p id={errorId} className="form-error" role="alert">
            {message}
          </p>
        )}
        <label>
          {t('login.username')}
          <input name="username" autoComplete="username" required autoFocus />
        </label>
        <label>
          {t('login.password')}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <fieldset className="login-provider">
          <legend>{t('login.provider')}</legend>
          {LoginProviderSchema.options.map((option) => (
            <label key={option}>
              <input
                type="radio"
                name="provider"
                checked={provider === option}
                onChange={() => setProvider(option)}
              />
              {t(`login.${option}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={login.isPending}>
          {login.isPending ? t('login.signingIn') : t('login.signIn')}
        </button>
      </form>
    </main>
  );
}
