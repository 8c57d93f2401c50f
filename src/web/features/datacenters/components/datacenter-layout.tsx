import { useTranslation } from '@/web/lib/i18n';
import { Outlet, useNavigate, useSearchParams } from 'react-router';
import { PreservedNavLink } from '@/web/components/layout/preserved-link';
import { ErrorState, LoadingState } from '@/web/components/states/query-states';
import { datacenterPath, useDatacenterRef } from '@/web/lib/datacenter-params';
import { withPreservedParams } from '@/web/lib/preferences';
import { useServices } from '../api/get-services';

/** A datacenter's pages: which one (with a switcher among the visible ones) and its Filers / Hosts / VMs / Capacity tabs. */
export function DatacenterLayout() {
  const { t } = useTranslation('datacenters');
  const ref = useDatacenterRef();
  const query = useServices();
  const navigate = useNavigate();
  const [params] = useSearchParams();

  if (query.isPending) return <LoadingState />;
  if (!query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const options = query.data.items.flatMap((service) =>
    service.datacenters.map((dc) => ({ serviceName: service.serviceName, datacenter: dc })),
  );
  const pathOf = (o: (typeof options)[number]) =>
    datacenterPath({ serviceName: o.serviceName, datacenterId: o.datacenter.datacenterId });
  const current = options.find((o) => pathOf(o) === datacenterPath(ref));
  if (!current) {
    return (
      <ErrorState
        error={new Error(t('unknownDatacenter', { id: ref.datacenterId, service: ref.serviceName }))}
      />
    );
  }
  const base = datacenterPath(ref);
  return (
    <div className="dc-layout">
      <div className="dc-bar">
        <label className="dc-switch">
          <span>{t('datacenter')}</span>
          <select
            value={datacenterPath(ref)}
            onChange={(event) => {
              const section = /\/(filers|hosts|vms|capacity)$/.exec(window.location.pathname)?.[1] ?? 'hosts';
              void navigate(withPreservedParams(`${event.target.value}/${section}`, params));
            }}
          >
            {options.map((o) => (
              <option key={pathOf(o)} value={pathOf(o)}>
                {o.serviceName} · {o.datacenter.name}
              </option>
            ))}
          </select>
        </label>
        <nav aria-label={t('sections')} className="tabs">
          <PreservedNavLink to={`${base}/filers`}>{t('filers')}</PreservedNavLink>
          <PreservedNavLink to={`${base}/hosts`}>{t('hosts')}</PreservedNavLink>
          <PreservedNavLink to={`${base}/vms`}>{t('vms')}</PreservedNavLink>
          <PreservedNavLink to={`${base}/capacity`}>{t('capacity')}</PreservedNavLink>
        </nav>
      </div>
      <Outlet />
    </div>
  );
}
