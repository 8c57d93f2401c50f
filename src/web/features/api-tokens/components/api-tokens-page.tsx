import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ApiTokenWithSecret } from '@/shared/api/api-tokens';
import { EmptyState, ErrorState, LoadingState } from '@/web/components/states/query-states';
import { useTranslation } from '@/web/lib/i18n';
import { servicesQueryOptions } from '@/web/lib/services-list';
import { useCreateApiToken } from '../api/api-token-mutations';
import { useApiTokens } from '../api/get-api-tokens';
import { ApiTokenForm } from './api-token-form';
import { ApiTokenRow } from './api-token-row';
import { SecretNotice } from './secret-notice';
import '@/web/components/layout/admin-page.css';

/** `/admin/api-tokens`: the tokens scripts and Gnocchi clients read the metering API with. */
export function ApiTokensPage() {
  const { t } = useTranslation('api-tokens');
  const tokens = useApiTokens();
  // The datacenters a token may be given: the administrator's own, as the datacenters page lists them.
  const choices = useQuery(servicesQueryOptions());
  const create = useCreateApiToken();
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<ApiTokenWithSecret>();

  if (tokens.isPending || choices.isPending) return <LoadingState />;
  if (!tokens.data) return <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />;
  if (!choices.data) return <ErrorState error={choices.error} onRetry={() => void choices.refetch()} />;
  const services = choices.data.items;
  const items = tokens.data.items;

  return (
    <div className="page admin-page api-tokens-page">
      <div className="page-head">
        <h1>{t('title')}</h1>
        {!creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            {t('new')}
          </button>
        )}
      </div>
      <p className="muted">{t('lead')}</p>

      {issued && <SecretNotice issued={issued} onDone={() => setIssued(undefined)} />}

      {creating && (
        <section className="admin-panel" aria-labelledby="api-token-create-title">
          <h2 id="api-token-create-title">{t('new')}</h2>
          <ApiTokenForm
            services={services}
            pending={create.isPending}
            onSubmit={(values) =>
              create.mutate(values, {
                onSuccess: (result) => {
                  setCreating(false);
                  setIssued(result);
                  create.reset();
                },
              })
            }
            onCancel={() => {
              setCreating(false);
              create.reset();
            }}
          />
          {create.error && (
            <p className="form-error" role="alert">
              {t('failed', { reason: create.error.message })}
            </p>
          )}
        </section>
      )}

      {items.length === 0 ? (
        <EmptyState>{t('none')}</EmptyState>
      ) : (
        <table className="admin-table">
          <caption className="visually-hidden">{t('title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('column.name')}</th>
              <th scope="col">{t('column.scope')}</th>
              <th scope="col">{t('column.createdBy')}</th>
              <th scope="col">{t('column.lastUsed')}</th>
              <th scope="col">{t('column.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('column.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((token) => (
              <ApiTokenRow key={token.id} token={token} services={services} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
