import { useTranslation } from '@/web/lib/i18n';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ApiError } from '@/web/lib/api-client';
import { PreservedLink } from './preserved-link';

/** What a page shows when it cannot be shown: the reason in words, and a way back. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : error instanceof ApiError ? error.status : 500;
  const message =
    status === 404
      ? t('error.notFound')
      : status === 403
        ? t('error.forbidden')
        : error instanceof Error
          ? error.message
          : t('error.unexpected');
  return (
    <div className="state state-error route-error" role="alert">
      <h1>
        {status === 404
          ? t('error.notFoundTitle')
          : status === 403
            ? t('error.forbiddenTitle')
            : t('state.error')}
      </h1>
      <p>{message}</p>
      <PreservedLink to="/">{t('error.backToDatacenters')}</PreservedLink>
    </div>
  );
}
