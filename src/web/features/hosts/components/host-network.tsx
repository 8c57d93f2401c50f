import type { ReactNode } from 'react';
import { useTranslation } from '@/web/lib/i18n';
import type { DatacenterRef } from '@/web/lib/api-paths';
import { NO_VALUE } from '@/web/lib/format';
import { sumOrNull } from '@/web/lib/null-aware';
import { useFormatter } from '@/web/lib/use-formatter';
import { useHostNics, type HostNics } from '../api/get-host-nics';

/** A host's NIC figures once fetched; meanwhile, or if they cannot be, a word saying so (never a blank). */
function WithHostNics({
  dc,
  hostId,
  children,
}: {
  dc: DatacenterRef;
  hostId: number;
  children: (nics: HostNics) => ReactNode;
}) {
  const { t } = useTranslation('hosts');
  const query = useHostNics(dc, hostId);
  if (query.isPending) return <span className="muted">{t('network.loading')}</span>;
  if (!query.data) {
    return (
      <span className="muted" title={query.error?.message}>
        {t('network.unavailable')}
      </span>
    );
  }
  return children(query.data);
}

/** A host's VMNic count and total rx / tx, from the latest point of its network series. */
export function HostTraffic({ dc, hostId }: { dc: DatacenterRef; hostId: number }) {
  const { t } = useTranslation('hosts');
  const format = useFormatter();
  return (
    <WithHostNics dc={dc} hostId={hostId}>
      {({ nics }) =>
        nics.length === 0
          ? NO_VALUE
          : `${t('network.nicCount', { count: nics.length })} · ↓ ${format.rateKbps(sumOrNull(...nics.map((n) => n.rx)))} ↑ ${format.rateKbps(sumOrNull(...nics.map((n) => n.tx)))}`
      }
    </WithHostNics>
  );
}

/** Every NIC of a host with its latest traffic, shown when the host's row is expanded. */
export function HostNicDetail({ dc, hostId, name }: { dc: DatacenterRef; hostId: number; name: string }) {
  const { t } = useTranslation('hosts');
  const format = useFormatter();
  return (
    <WithHostNics dc={dc} hostId={hostId}>
      {({ nics, at }) =>
        nics.length === 0 ? (
          <span className="muted">{t('network.none')}</span>
        ) : (
          <table className="nic-table">
            <caption>
              {t('network.caption', { host: name })}
              {at !== null && <span className="muted"> · {t('network.at', { time: format.time(at) })}</span>}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('network.nic')}</th>
                <th scope="col">{t('network.rx')}</th>
                <th scope="col">{t('network.tx')}</th>
                <th scope="col">{t('network.packetsRx')}</th>
                <th scope="col">{t('network.packetsTx')}</th>
              </tr>
            </thead>
            <tbody>
              {nics.map((nic) => (
                <tr key={nic.nic}>
                  <th scope="row">{nic.nic}</th>
                  <td>{format.rateKbps(nic.rx)}</td>
                  <td>{format.rateKbps(nic.tx)}</td>
                  <td>{format.metric('pps', nic.packetsRx)}</td>
                  <td>{format.metric('pps', nic.packetsTx)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </WithHostNics>
  );
}
