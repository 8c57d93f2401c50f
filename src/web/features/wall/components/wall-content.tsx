import { useTranslation } from '@/web/lib/i18n';
import type { WallPageName } from '@/shared/api/displays';
import type { WallDatacenter } from '../api/get-wall-datacenter';
import { PAGE_CAPACITY, pageSlice } from '../utils/wall-pages';
import { AlertsStrip } from './alerts-strip';
import { DatacenterFigures } from './datacenter-figures';
import { FilerLevels } from './filer-levels';
import { HostTiles } from './host-tiles';
import { TopVms } from './top-vms';

function Panel({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className={`wall-panel wall-area-${id}`} aria-labelledby={`wall-${id}`}>
      <h2 id={`wall-${id}`}>{title}</h2>
      {children}
    </section>
  );
}

/** One screen of the rotation: a page kind of one datacenter, at sub-page `sub` of its lists. */
export function WallContent({ view, page, sub }: { view: WallDatacenter; page: WallPageName; sub: number }) {
  const { t } = useTranslation('wall');
  const capacity = PAGE_CAPACITY[page];
  const alerts = view.summary.alerts;
  const shownAlerts = pageSlice(alerts, sub, capacity.alerts);
  const hosts = capacity.hosts !== undefined && (
    <Panel id="hosts" title={t('hosts')}>
      <HostTiles hosts={pageSlice(view.hosts, sub, capacity.hosts)} className={`fit-${capacity.hosts}`} />
    </Panel>
  );
  const filers = capacity.filers !== undefined && (
    <Panel id="filers" title={t('filers')}>
      <FilerLevels
        filers={pageSlice(view.filers, sub, capacity.filers)}
        className={`fit-${capacity.filers}`}
      />
    </Panel>
  );
  const tops = capacity.topVms !== undefined && <TopVms topVms={view.topVms} count={capacity.topVms} />;
  const strip = <AlertsStrip alerts={alerts} shown={shownAlerts} className={`fit-${capacity.alerts}`} />;
  return (
    <div className={`wall-page wall-page-${page}`}>
      {page !== 'alerts' && (
        <DatacenterFigures summary={view.summary} gauges={page === 'overview' || page === 'hosts'} />
      )}
      {hosts}
      {filers}
      {tops}
      {strip}
    </div>
  );
}
