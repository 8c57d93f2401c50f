import { useState } from 'react';
import { useTranslation } from '@/web/lib/i18n';
import type { DisplayWithToken } from '@/shared/api/displays';
import { useNow } from '@/web/components/freshness/use-now';
import { EmptyState, ErrorState, LoadingState } from '@/web/components/states/query-states';
import { useCreateDisplay } from '../api/display-mutations';
import { useDisplays } from '../api/get-displays';
import { useScopeChoices } from '../api/get-scope-choices';
import { ActionError } from './action-error';
import { DisplayForm } from './display-form';
import { DisplayRow } from './display-row';
import { TokenNotice } from './token-notice';
import '@/web/components/layout/admin-page.css';
import './displays.css';

/** `/admin/displays`: the wall screens, each with its token, datacenters and wall configuration. */
export function DisplaysPage() {
  const { t } = useTranslation('displays');
  const displays = useDisplays();
  const choices = useScopeChoices();
  const create = useCreateDisplay();
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<DisplayWithToken>();
  const now = useNow(60_000);

  if (displays.isPending || choices.isPending) return <LoadingState />;
  if (!displays.data) return <ErrorState error={displays.error} onRetry={() => void displays.refetch()} />;
  if (!choices.data) return <ErrorState error={choices.error} onRetry={() => void choices.refetch()} />;
  const services = choices.data.items;
  const items = displays.data.items;

  const showToken = (result: DisplayWithToken) => {
    setIssued(result);
    create.reset();
  };

  return (
    <div className="page admin-page displays-page">
      <div className="page-head">
        <h1>{t('title')}</h1>
        {!creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            {t('new')}
          </button>
        )}
      </div>
      <p className="muted">{t('lead')}</p>

      {issued && <TokenNotice issued={issued} onDone={() => setIssued(undefined)} />}

      {creating && (
        <section className="admin-panel" aria-labelledby="display-create-title">
          <h2 id="display-create-title">{t('newTitle')}</h2>
          <DisplayForm
            services={services}
            pending={create.isPending}
            submitLabel={t('create')}
            onSubmit={(values) =>
              create.mutate(values, {
                onSuccess: (result) => {
                  setCreating(false);
                  showToken(result);
                },
              })
            }
            onCancel={() => {
              setCreating(false);
              create.reset();
            }}
          />
          <ActionError error={create.error} />
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
              <th scope="col">{t('column.lastSeen')}</th>
              <th scope="col">{t('column.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('column.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((display) => (
              <DisplayRow
                key={display.id}
                display={display}
                services={services}
                now={now}
                onIssued={showToken}
              />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
