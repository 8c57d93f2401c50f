import { useTranslation } from '@/web/lib/i18n';
import { FreshnessStatus } from '@/web/components/freshness/freshness-status';
import { EmptyState, ErrorState, LoadingState } from '@/web/components/states/query-states';
import { useServices } from '../api/get-services';
import { DatacenterCard } from './datacenter-card';

/** The first page after sign-in: every service and datacenter the user may see, each summarised. */
export function DatacentersPage() {
  const { t } = useTranslation('datacenters');
  const query = useServices();
  if (query.isPending) return <LoadingState />;
  if (!query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const services = query.data.items;
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('title')}</h1>
        <FreshnessStatus freshness={query} />
      </div>
      {services.length === 0 ? (
        <EmptyState>{t('none')}</EmptyState>
      ) : (
        services.map((service) => (
          <section
            key={service.serviceName}
            className="service"
            aria-labelledby={`svc-${service.serviceName}`}
          >
            <h2 id={`svc-${service.serviceName}`}>
              {service.serviceName}
              {service.description && <span className="muted"> · {service.description}</span>}
            </h2>
            <div className="dc-grid">
              {service.datacenters.map((datacenter) => (
                <DatacenterCard
                  key={datacenter.datacenterId}
                  serviceName={service.serviceName}
                  datacenter={datacenter}
                />
              ))}
            </div>
          </section>
        ))
      )}
    </div>
  );
}
