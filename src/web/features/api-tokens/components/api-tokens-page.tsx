import { AdminListPage } from '@/web/components/admin/admin-list-page';
import { OneTimeSecretNotice } from '@/web/components/admin/one-time-secret-notice';
import { useCreateAndIssue } from '@/web/components/admin/use-create-and-issue';
import { useScopeChoices } from '@/web/components/admin/use-scope-choices';
import { QueriesState } from '@/web/components/states/query-states';
import { useTranslation } from '@/web/lib/i18n';
import { useCreateApiToken } from '../api/api-token-mutations';
import { useApiTokens } from '../api/get-api-tokens';
import { ApiTokenForm } from './api-token-form';
import { ApiTokenRow } from './api-token-row';

/** `/admin/api-tokens`: the tokens scripts and Gnocchi clients read the metering API with. */
export function ApiTokensPage() {
  const { t } = useTranslation('api-tokens');
  const tokens = useApiTokens();
  const choices = useScopeChoices();
  const create = useCreateApiToken();
  const flow = useCreateAndIssue(create);

  if (!tokens.data || !choices.data) return <QueriesState queries={[tokens, choices]} />;
  const services = choices.data.items;

  return (
    <AdminListPage
      className="api-tokens-page"
      words={{
        title: t('title'),
        lead: t('lead'),
        new: t('new'),
        newTitle: t('new'),
        none: t('none'),
        columns: [
          t('column.name'),
          t('column.scope'),
          t('column.createdBy'),
          t('column.lastUsed'),
          t('column.status'),
        ],
        actions: t('column.actions'),
      }}
      notice={
        flow.issued && (
          // The token's secret: the server keeps only its digest.
          <OneTimeSecretNotice
            group="api-tokens:secret"
            name={flow.issued.token.name}
            value={flow.issued.secret}
            onDone={flow.dismiss}
          />
        )
      }
      form={
        flow.creating && (
          <ApiTokenForm
            services={services}
            pending={create.isPending}
            onSubmit={flow.submit}
            onCancel={flow.cancel}
          />
        )
      }
      createError={create.error}
      onNew={flow.start}
      items={tokens.data.items}
      row={(token) => <ApiTokenRow key={token.id} token={token} services={services} />}
    />
  );
}
