import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useParams, useSearchParams } from 'react-router';
import type { GuestOverview } from '@/shared/api/guest';
import { StateLabel } from '@/web/components/data-table/cells';
import { DataTable } from '@/web/components/data-table/data-table';
import { FreshnessStatus } from '@/web/components/freshness/freshness-status';
import { PreservedLink } from '@/web/components/layout/preserved-link';
import { VmPageTabs } from '@/web/components/navigation/vm-page-tabs';
import { ErrorState, LoadingState } from '@/web/components/states/query-states';
import { ApiError } from '@/web/lib/api-client';
import type { DatacenterRef } from '@/web/lib/api-paths';
import { datacenterPath, useDatacenterRef } from '@/web/lib/datacenter-params';
import { useTranslation } from '@/web/lib/i18n';
import { useFormatter } from '@/web/lib/use-formatter';
import { vmsQueryOptions } from '../../vms/api/get-vms';
import { useGuestOverview } from '../api/get-guest-overview';
import { useLiveMode, type LiveMode } from '../api/use-live-mode';
import { GUEST_AGENT_LOOKS } from '../utils/agent-looks';
import { GuestNotice, NoAgentState, NotConfiguredState } from './guest-states';
import { GuestSummary } from './guest-summary';
import { LiveControl } from './live-control';
import { useProcessColumns } from './process-columns';
import { ProcessHistory } from './process-history';
import './processes.css';

// What runs inside a VM, as its guest agent reports it: the VM's own figures and their recent history, its
// processes, and one process's history (`?process=name`). The VM's name and power state come from the VM list
// the VMs page polls; the guest figures from their own answer, polled every 10 s, or every 3 s while Live.

const PROCESS_PARAM = 'process';

function useVmId(): number {
  const { id } = useParams();
  if (!/^\d+$/.test(id ?? '')) throw new Response('Not a VM address', { status: 404 });
  return Number(id);
}

function useListedVm(dc: DatacenterRef, vmId: number) {
  return useQuery({ ...vmsQueryOptions(dc), select: (list) => list.items.find((vm) => vm.vmId === vmId) })
    .data;
}

interface GuestBodyProps {
  dc: DatacenterRef;
  vmId: number;
  vmName: string;
  poweredOff: boolean;
  data: GuestOverview;
  live: LiveMode;
}

function GuestBody({ dc, vmId, vmName, poweredOff, data, live }: GuestBodyProps) {
  const { t } = useTranslation('processes');
  const format = useFormatter();
  const [params, setParams] = useSearchParams();
  const process = params.get(PROCESS_PARAM);
  const show = useCallback(
    (name: string | null) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          if (name === null) next.delete(PROCESS_PARAM);
          else next.set(PROCESS_PARAM, name);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const columns = useProcessColumns(show);

  const offNotice = poweredOff && <GuestNotice>{t('state.poweredOff')}</GuestNotice>;
  if (data.agent === 'none') {
    return (
      <>
        {offNotice}
        <NoAgentState instanceId={data.instanceId} />
      </>
    );
  }
  return (
    <>
      {offNotice}
      {data.agent === 'silent' && (
        <GuestNotice>
          {data.lastReportAt === null
            ? t('state.silentNever')
            : t('state.silent', { time: format.dateTime(data.lastReportAt) })}
        </GuestNotice>
      )}
      <GuestSummary history={data.history} vmName={vmName} />
      {process !== null && (
        <ProcessHistory
          key={process}
          dc={dc}
          vmId={vmId}
          vmName={vmName}
          name={process}
          live={live.until !== null}
          onClose={() => show(null)}
        />
      )}
      <section className="guest-processes" aria-labelledby="guest-processes-title">
        <h2 id="guest-processes-title">{t('table.title')}</h2>
        <DataTable
          rows={data.processes}
          columns={columns}
          getRowId={(p) => `${p.name}:${p.pid ?? ''}`}
          label={t('table.title')}
          countLabel={(count) => t('table.count', { count, n: format.number(count, 0) })}
          emptyText={t('table.empty')}
          noMatchText={t('table.noMatch')}
          exportName={`${dc.serviceName}-${dc.datacenterId}-vm-${vmId}-processes`}
        />
      </section>
    </>
  );
}

export function ProcessesPage() {
  const { t } = useTranslation('processes');
  const { t: tv } = useTranslation('vms');
  const format = useFormatter();
  const dc = useDatacenterRef();
  const vmId = useVmId();
  const vm = useListedVm(dc, vmId);
  const live = useLiveMode(dc, vmId);
  const query = useGuestOverview(dc, vmId, live.until !== null);
  const data = query.data;
  const vmName = vm?.name ?? vm?.moRef ?? String(vmId);
  const notConfigured = query.error instanceof ApiError && query.error.code === 'guest_not_configured';

  return (
    <div className="page processes-page">
      <p className="graphs-back">
        <PreservedLink to={`${datacenterPath(dc)}/vms`}>
          <span aria-hidden="true">← </span>
          {t('back.vms', { ns: 'graphs' })}
        </PreservedLink>
      </p>
      <div className="page-head">
        <h1>
          {t('title', { name: vmName })} <span className="muted">· {t('subtitle')}</span>
        </h1>
        {data && (
          <p className="guest-agent">
            {tv('col.guest')}{' '}
            <StateLabel look={GUEST_AGENT_LOOKS[data.agent] ?? { tone: 'neutral' }}>
              {tv(`guest.${data.agent}`)}
            </StateLabel>
            {data.lastReportAt !== null && (
              <span className="muted">
                {' '}
                · {t('lastReport', { time: format.dateTime(data.lastReportAt) })}
              </span>
            )}
          </p>
        )}
      </div>
      <VmPageTabs dc={dc} vmId={vmId} />
      {query.isPending ? (
        <LoadingState />
      ) : !data ? (
        notConfigured ? (
          <NotConfiguredState />
        ) : (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        )
      ) : (
        <>
          <div className="guest-status">
            <FreshnessStatus freshness={query} />
            {data.agent !== 'none' && <LiveControl live={live} />}
          </div>
          <GuestBody
            dc={dc}
            vmId={vmId}
            vmName={vmName}
            poweredOff={vm?.powerState === 'poweredOff'}
            data={data}
            live={live}
          />
        </>
      )}
    </div>
  );
}
