import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from '@/web/lib/i18n';
import { useLocation, useSearchParams } from 'react-router';
import type { ServiceList } from '@/shared/api/inventory';
import type { SessionUser } from '@/shared/api/session';
import { FreshnessStatus } from '@/web/components/freshness/freshness-status';
import { EmptyState, ErrorState, LoadingState } from '@/web/components/states/query-states';
import type { DatacenterRef } from '@/web/lib/api-paths';
import { datacenterKey, sameDatacenter } from '@/web/lib/datacenter-params';
import { pollIntervalOf } from '@/web/lib/polling';
import { wallDatacenterQueryOptions } from '../api/get-wall-datacenter';
import { wallServicesQueryOptions } from '../api/get-wall-services';
import { wallItems } from '../utils/wall-pages';
import { explicitPreferences, reloadSearch, wallSettings } from '../utils/wall-settings';
import { useBurnInOffset } from './use-burn-in';
import { useEscapeKey } from './use-escape-key';
import { useRotation } from './use-rotation';
import { useScheduledReload } from './use-scheduled-reload';
import { useWallPreferences } from './use-wall-preferences';
import { WallContent } from './wall-content';
import { WallControls } from './wall-controls';

function everyDatacenter(services: ServiceList | undefined): DatacenterRef[] {
  return (services?.items ?? []).flatMap((service) =>
    service.datacenters.map((dc) => ({ serviceName: service.serviceName, datacenterId: dc.datacenterId })),
  );
}

/** A reload neither cuts a poll short nor lands just as one is due. */
const QUIET_BEFORE_POLL_MS = 10_000;

/** The wall itself, for a session that may see data: datacenters in rotation, each a few screens. */
export function WallScreen({ user }: { user: SessionUser }) {
  const { t } = useTranslation('wall');
  const queryClient = useQueryClient();
  const location = useLocation();
  const [params] = useSearchParams();
  const [explicit, setExplicit] = useState(() => explicitPreferences(params));
  const settings = useMemo(
    () => wallSettings(params, explicit, user.display),
    [params, explicit, user.display],
  );
  useWallPreferences(settings.theme, settings.tz);

  const services = useQuery(wallServicesQueryOptions());
  const datacenters = useMemo(
    () => settings.datacenters ?? everyDatacenter(services.data),
    [settings.datacenters, services.data],
  );
  const views = useQueries({ queries: datacenters.map((dc) => wallDatacenterQueryOptions(dc)) });
  const viewIndex = (dc: DatacenterRef) => datacenters.findIndex((d) => sameDatacenter(d, dc));
  const items = wallItems(datacenters, settings.pages, (dc) => views[viewIndex(dc)]?.data);

  const [paused, setPaused] = useState(false);
  const [controls, setControls] = useState(false);
  const rotation = useRotation(items, settings.rotateMs, paused);
  useEscapeKey(() => setControls((shown) => !shown), settings.locked);

  const item = rotation.item;
  const query = item ? views[viewIndex(item.dc)] : undefined;

  useScheduledReload(
    settings.reloadMs,
    () => {
      if (queryClient.isFetching() > 0) return false;
      if (!query?.dataUpdatedAt) return true;
      return query.dataUpdatedAt + pollIntervalOf(query.data) - Date.now() > QUIET_BEFORE_POLL_MS;
    },
    () => window.location.replace(location.pathname + reloadSearch(params, explicit)),
  );
  const [dx, dy] = useBurnInOffset(settings.burnIn);

  const names = useMemo(() => {
    const map = new Map<string, { name: string; service: string }>();
    for (const service of services.data?.items ?? []) {
      for (const dc of service.datacenters) {
        map.set(datacenterKey({ serviceName: service.serviceName, datacenterId: dc.datacenterId }), {
          name: dc.name,
          service: service.serviceName,
        });
      }
    }
    return map;
  }, [services.data]);

  let body: React.ReactNode;
  if (!item || !query) {
    body = services.isPending ? (
      <LoadingState />
    ) : services.isError ? (
      <ErrorState error={services.error} />
    ) : (
      <EmptyState>{t('noDatacenter')}</EmptyState>
    );
  } else if (!query.data) {
    body = query.isError ? <ErrorState error={query.error} /> : <LoadingState />;
  } else {
    body = <WallContent view={query.data} page={item.page} sub={item.sub} />;
  }
  const label = item ? names.get(datacenterKey(item.dc)) : undefined;

  return (
    <div className="wall" style={dx || dy ? { transform: `translate(${dx}px, ${dy}px)` } : undefined}>
      <header className="wall-head">
        <h1>
          {item ? (label?.name ?? `${item.dc.serviceName} · ${item.dc.datacenterId}`) : t('title')}
          {label && <span className="muted"> · {label.service}</span>}
        </h1>
        {item && (
          <p className="wall-position">
            {t(`page.${item.page}`)}
            {item.subCount > 1 && ` ${item.sub + 1}/${item.subCount}`}
            {items.length > 1 && (
              <span className="muted">
                {' '}
                · {t('position', { n: rotation.index + 1, total: items.length })}
              </span>
            )}
            {paused && <span className="level level-warning"> · {t('paused')}</span>}
          </p>
        )}
        {query && <FreshnessStatus freshness={query} />}
      </header>
      {controls && (
        <WallControls
          paused={paused}
          onPause={setPaused}
          onStep={rotation.step}
          theme={settings.theme}
          onTheme={(theme) => setExplicit((previous) => ({ ...previous, theme }))}
          onClose={() => setControls(false)}
        />
      )}
      <main className="wall-main">{body}</main>
    </div>
  );
}
