import { screen, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import type { HostRow } from '@/shared/api/inventory';
import type { SeriesResponse } from '@/shared/api/series';
import { withTableViewport } from '@/web/components/data-table/test-viewport';
import { renderInventoryPage, rowOf, serveList } from '@/web/testing/inventory-pages';
import { server } from '@/web/testing/msw-server';
import { HostsPage } from './hosts-page';

withTableViewport();

const SERIES = '/api/services/:serviceName/datacenters/:datacenterId/hosts/:id/series';

function host(hostId: number, live: Partial<HostRow> = {}): HostRow {
  return {
    billingType: 'monthly',
    clusterName: 'Cluster1',
    connectionState: 'connected',
    cpu: { unit: 'GHz', value: 42 },
    cpuMax: 42_000,
    cpuMaxCore: 2100,
    cpuNum: 20,
    cpuUsed: 21_000,
    hostId,
    inMaintenance: false,
    memoryUsed: 131_072,
    name: `172.17.86.${hostId}`,
    parentHostId: null,
    profile: 'L+',
    profileCode: 'pcc-host-l+',
    rack: 'R10B05',
    ram: { unit: 'GB', value: 256 },
    resourceName: null,
    state: 'delivered',
    uptime: 3 * 86_400,
    vmTotal: 12,
    vmVcpuTotal: 30,
    cpuPercent: 50,
    memoryPercent: 50,
    ...live,
  };
}

function series(hostId: number): SeriesResponse {
  const net = (metric: string, unit: string, nic: string, value: number) => ({
    metric,
    unit,
    nic,
    avg: [value - 1, value],
    min: [value - 1, value],
    max: [value - 1, value],
  });
  return {
    entity: { kind: 'hosts', id: hostId, name: `172.17.86.${hostId}` },
    period: 'day',
    from: 0,
    to: 600_000,
    intervalMs: 300_000,
    timestamps: [300_000, 600_000],
    series: [
      net('vscope.host.net.rx', 'KBps', 'vmnic0', 2048),
      net('vscope.host.net.tx', 'KBps', 'vmnic0', 1024),
      net('vscope.host.net.rx', 'KBps', 'vmnic1', 512),
      net('vscope.host.net.tx', 'KBps', 'vmnic1', 256),
      net('vscope.host.net.packetsrx', 'pps', 'vmnic0', 1500),
      net('vscope.host.net.packetstx', 'pps', 'vmnic0', 900),
    ],
    source: 'embedded tsdb',
  };
}

const renderPage = () => renderInventoryPage(<HostsPage />, 'hosts');

describe('HostsPage', () => {
  it('shows connection and maintenance as one state, and CPU/RAM with their capacity', async () => {
    serveList('hosts', [
      host(51, { cpuPercent: 92, cpuUsed: 38_640 }),
      host(52, { inMaintenance: true }),
      host(53, { connectionState: 'notResponding' }),
    ]);
    server.use(http.get(SERIES, ({ params }) => HttpResponse.json(series(Number(params.id)))));
    renderPage();
    await screen.findByRole('link', { name: '172.17.86.51' });

    const busy = within(rowOf('172.17.86.51'));
    expect(busy.getByRole('img', { name: 'Critical' }).parentElement).toHaveTextContent(
      '92% · 38.6 / 42 GHz',
    );
    expect(busy.getByText('50%').parentElement).toHaveTextContent('50% · 128 GB / 256 GB');
    expect(busy.getByText('3d 0h')).toBeInTheDocument();
    expect(within(rowOf('172.17.86.52')).getByText('Maintenance')).toBeInTheDocument();
    expect(within(rowOf('172.17.86.53')).getByText('Not responding')).toBeInTheDocument();
  });

  it('fetches NIC traffic only for the rows on screen, a few requests at a time', async () => {
    const hosts = Array.from({ length: 100 }, (_, i) => host(i + 1));
    const asked = new Set<number>();
    let inFlight = 0;
    let mostInFlight = 0;
    serveList('hosts', hosts);
    server.use(
      http.get(SERIES, async ({ params }) => {
        asked.add(Number(params.id));
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await delay(5);
        inFlight -= 1;
        return HttpResponse.json(series(Number(params.id)));
      }),
    );
    renderPage();
    await screen.findByRole('link', { name: '172.17.86.1' });
    const shown = screen.getAllByRole('row').filter((row) => row.hasAttribute('data-row-id')).length;
    await vi.waitFor(() => expect(asked.size).toBe(shown));
    await vi.waitFor(() => expect(rowOf('172.17.86.1')).toHaveTextContent('2 NICs · ↓ 2.5 MB/s ↑ 1.3 MB/s'));
    expect(shown).toBeLessThan(40);
    expect(mostInFlight).toBeLessThanOrEqual(3);
  });

  it('lists each NIC behind the row’s expander', async () => {
    serveList('hosts', [host(51)]);
    server.use(http.get(SERIES, ({ params }) => HttpResponse.json(series(Number(params.id)))));
    const { user } = renderPage();
    const toggle = await screen.findByRole('button', { name: 'Network details of 172.17.86.51' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const nics = await screen.findByRole('table', { name: /Network of 172.17.86.51/ });
    const rows = within(nics).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      'vmnic02 MB/s1 MB/s1,500 pkt/s900 pkt/s',
      'vmnic1512 kB/s256 kB/s——',
    ]);
    await user.click(toggle);
    expect(screen.queryByRole('table', { name: /Network of/ })).not.toBeInTheDocument();
  });
});
