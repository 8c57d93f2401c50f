import { useTranslation } from '@/web/lib/i18n';
import { AdminListPage } from '@/web/components/admin/admin-list-page';
import { OneTimeSecretNotice } from '@/web/components/admin/one-time-secret-notice';
import { useCreateAndIssue } from '@/web/components/admin/use-create-and-issue';
import { useScopeChoices } from '@/web/components/admin/use-scope-choices';
import { useNow } from '@/web/components/freshness/use-now';
import { QueriesState } from '@/web/components/states/query-states';
import { useCreateDisplay } from '../api/display-mutations';
import { useDisplays } from '../api/get-displays';
import { DisplayForm } from './display-form';
import { DisplayRow } from './display-row';
import './displays.css';

/** `/admin/displays`: the wall screens, each with its token, datacenters and wall configuration. */
export function DisplaysPage() {
  const { t } = useTranslation('displays');
  const displays = useDisplays();
  const choices = useScopeChoices();
  const create = useCreateDisplay();
  const flow = useCreateAndIssue(create);
  const now = useNow(60_000);

  if (!displays.data || !choices.data) return <QueriesState queries={[displays, choices]} />;
  const services = choices.data.items;

  return (
    <AdminListPage
      className="displays-page"
      words={{
        title: t('title'),
        lead: t('lead'),
        new: t('new'),
        newTitle: t('newTitle'),
        none: t('none'),
        columns: [t('column.name'), t('column.scope'), t('column.lastSeen'), t('column.status')],
        actions: t('column.actions'),
      }}
      notice={
        flow.issued && (
          // The display's link, token included: the server keeps only a hash of the token. The wall opens the
          // link on another machine, so it is copied whole, origin included.
          <OneTimeSecretNotice
            group="displays:token"
            name={flow.issued.display.name}
            value={new URL(flow.issued.link, window.location.origin).href}
            onDone={flow.dismiss}
          />
        )
      }
      form={
        flow.creating && (
          <DisplayForm
            services={services}
            pending={create.isPending}
            submitLabel={t('create')}
            onSubmit={flow.submit}
            onCancel={flow.cancel}
          />
        )
      }
      createError={create.error}
      onNew={flow.start}
      items={displays.data.items}
      row={(display) => (
        <DisplayRow key={display.id} display={display} services={services} now={now} onIssued={flow.show} />
      )}
    />
  );
}
