import type { QueryClient } from '@tanstack/react-query';
import { act, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GuestAgents } from '@/shared/api/guest';
import type { VmRow } from '@/shared/api/inventory';
import { withTableViewport } from '@/web/components/data-table/test-viewport';
import { REQUEST_TIMEOUT_MS } from '@/web/lib/api-client';
import { createQueryClient } from '@/web/lib/query-client';
import {
  INVENTORY_POLL_MS,
  freshList,
  listRoute,
  renderInventoryPage,
  rowOf,
  serveList,
} from '@/web/testing/inventory-pages';
import { GUEST_POLL_MS, guestRoutes } from '@/web/testing/guest-answers';
import { server } from '@/web/testing/msw-server';
import { VmsPage } from './vms-page';

withTableViewport();

const LIST = listRoute('vms');

function vm(vmId: number, name: string, live: Partial<VmRow> = {}): VmRow {
  return {
    backup: null,
    clusterName: 'Cluster1',
    cpuNum: 4,
    cpuReady: 20,
    cpuReadyPercent: 0.1,
    cpuUsed: 840,
    folderName: 'Prod',
    hostName: '172.17.86.51',
    memoryMax: 8192,
    memoryUsed: 2048,
    moRef: `vm-${vmId}`,
    name,
    netRx: 100,
    netTx: 50,
    powerState: 'poweredOn',
    readLatency: 1,
    readPerSecond: 10,
    readRate: 100,
    snapshotNum: 0,
    stateFt: 'notConfigured',
    vmId,
    vmwareTools: 'guestToolsRunning',
    vmwareToolsVersion: 'guestToolsCurrent',
    writeLatency: 2,
    writePerSecond: 10,
    writeRate: 100,
    cpuPercent: 10,
    memoryPercent: 25,
    ...live,
  };
}

const renderPage = (query = '', queryClient?: QueryClient) =>
  renderInventoryPage(<VmsPage />, 'vms', query, queryClient);

function serveAgents(agents: GuestAgents['agents']) {
  server.use(
    http.get(guestRoutes.agents, () =>
      HttpResponse.json({ fetchedAt: Date.now(), stale: false, pollIntervalMs: GUEST_POLL_MS, agents }),
    ),
  );
}

const guestCell = (name: string) => within(rowOf(name)).getAllByRole('cell').at(-1)!;

beforeEach(() => {
  serveAgents({});
});

afterEach(() => {
  vi.useRealTimers();
});

describe('VmsPage', () => {
  it('judges each figure against its threshold, in words as well as colour', async () => {
    serveList('vms', [
      vm(1, 'busy', { cpuPercent: 95, memoryPercent: 82, cpuReady: 900, cpuReadyPercent: 4.5 }),
      vm(2, 'slow-disk', { readLatency: 12, writeLatency: 55 }),
      vm(3, 'calm'),
    ]);
    renderPage();
    await screen.findByRole('link', { name: 'busy' });

    const busy = within(rowOf('busy'));
    expect(busy.getByRole('img', { name: 'Critical' }).parentElement).toHaveTextContent('95%');
    const [ram, ready] = busy.getAllByRole('img', { name: 'Warning' }).map((icon) => icon.parentElement);
    expect(ram).toHaveTextContent('82%');
    expect(ready).toHaveTextContent('900 ms · 4.5%');

    const slow = within(rowOf('slow-disk'));
    // Latency is judged by the worse of read and write.
    expect(slow.getByRole('img', { name: 'Critical' }).parentElement).toHaveTextContent('12 / 55 ms');

    expect(within(rowOf('calm')).queryByRole('img')).not.toBeInTheDocument();
  });

  it('links each VM to its Graphs, with its moRef in the title', async () => {
    serveList('vms', [vm(1254, 'web-prod-01')]);
    renderPage('?theme=dark');
    const link = await screen.findByRole('link', { name: 'web-prod-01' });
    expect(link).toHaveAttribute('href', '/dc/pcc-1/886/vms/1254/graphs?theme=dark');
    expect(link).toHaveAttribute('title', 'vm-1254');
  });

  it('tells an empty datacenter from a filter that matches nothing', async () => {
    serveList('vms', []);
    renderPage('?q=web');
    expect(await screen.findByText('This datacenter has no VMs.')).toBeInTheDocument();
  });

  it('shows the error, with a retry, when the list cannot be loaded at all', async () => {
    let calls = 0;
    server.use(
      http.get(LIST, () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json(
              { error: { code: 'upstream_unavailable', message: 'The OVH API did not answer.' } },
              { status: 503 },
            )
          : HttpResponse.json(freshList('vms', [vm(1, 'back')]));
      }),
    );
    const { user } = renderPage();
    expect(await screen.findByRole('alert')).toHaveTextContent('The OVH API did not answer.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'back' })).toBeInTheDocument();
  });

  it('polls at the server’s pace and keeps the rows, marked stale, when a poll fails', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let failing = false;
    let cpu = 10;
    server.use(
      http.get(LIST, () =>
        failing
          ? HttpResponse.error()
          : HttpResponse.json(freshList('vms', [vm(1, 'web-01', { cpuPercent: cpu })], Date.now())),
      ),
    );
    renderPage();
    await screen.findByRole('link', { name: 'web-01' });
    expect(rowOf('web-01')).toHaveTextContent('10%');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    cpu = 42;
    await act(() => vi.advanceTimersByTimeAsync(INVENTORY_POLL_MS));
    await vi.waitFor(() => expect(rowOf('web-01')).toHaveTextContent('42%'));

    failing = true;
    await act(() => vi.advanceTimersByTimeAsync(INVENTORY_POLL_MS));
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent(/Stale since/);
    expect(banner).toHaveTextContent('The server cannot be reached.');
    expect(rowOf('web-01')).toHaveTextContent('42%');

    failing = false;
    await act(() => vi.advanceTimersByTimeAsync(INVENTORY_POLL_MS));
    await vi.waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
  });

  it('keeps the rows under the stale banner when a poll gets no answer, rather than spinning', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let answering = true;
    server.use(
      http.get(LIST, () =>
        answering
          ? HttpResponse.json(freshList('vms', [vm(1, 'web-01')]))
          : new Promise<Response>(() => undefined),
      ),
    );
    // The app's own query client, retries and all.
    renderPage('', createQueryClient());
    await screen.findByRole('link', { name: 'web-01' });

    answering = false;
    await act(() => vi.advanceTimersByTimeAsync(INVENTORY_POLL_MS));
    expect(screen.getByText(/refreshing…/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await act(() => vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS));
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent(/Stale since/);
    expect(banner).toHaveTextContent('The server did not answer within 20 s.');
    expect(screen.queryByText(/refreshing…/)).not.toBeInTheDocument();
    expect(rowOf('web-01')).toBeInTheDocument();
  });

  it('shows the server’s stale answer as stale, saying its refresh is under way', async () => {
    const fetchedAt = Date.UTC(2026, 10, 23, 12, 0, 0);
    const refreshingSince = fetchedAt + INVENTORY_POLL_MS;
    server.use(
      http.get(LIST, () =>
        HttpResponse.json({
          ...freshList('vms', [vm(1, 'web-01')], fetchedAt),
          stale: true,
          refreshingSince,
        }),
      ),
    );
    renderPage('?tz=utc');
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent(/Stale since 12:00:00/);
    expect(banner).toHaveTextContent(
      'Waiting for the OVH API: a refresh has been under way since 12:02:00 UTC.',
    );
    expect(rowOf('web-01')).toBeInTheDocument();
  });

  it('says whether a guest agent reports from each VM, leading to its processes when one does', async () => {
    serveList('vms', [vm(1, 'db-01'), vm(2, 'web-01'), vm(3, 'old-01'), vm(4, 'new-01')]);
    serveAgents({ '1': 'reporting', '2': 'silent', '3': 'none' });
    renderPage('?theme=dark');
    await screen.findByRole('link', { name: 'db-01' });
    expect(await within(rowOf('db-01')).findByRole('link', { name: /Reporting/ })).toHaveAttribute(
      'href',
      '/dc/pcc-1/886/vms/1/processes?theme=dark',
    );
    expect(guestCell('web-01')).toHaveTextContent('Silent');
    expect(within(guestCell('web-01')).queryByRole('link')).not.toBeInTheDocument();
    expect(guestCell('old-01')).toHaveTextContent('None');
    // A VM the agents' answer does not name is not known to have none.
    expect(guestCell('new-01')).toHaveTextContent('Unknown');
  });

  it('sorts and filters by guest agent, in the URL like the other state columns', async () => {
    serveList('vms', [vm(1, 'db-01'), vm(2, 'web-01'), vm(3, 'old-01')]);
    serveAgents({ '1': 'reporting', '2': 'silent', '3': 'none' });
    const { user, router } = renderPage();
    await within(await screen.findByRole('table')).findByText('Silent');

    await user.click(screen.getByRole('button', { name: 'Guest agent' }));
    const names = () =>
      screen
        .getAllByRole('row')
        .filter((row) => row.hasAttribute('data-row-id'))
        .map((row) => within(row).getAllByRole('link')[0]!.textContent);
    expect(names()).toEqual(['old-01', 'db-01', 'web-01']);
    await vi.waitFor(() => expect(router.state.location.search).toBe('?sort=guest'));

    await user.click(screen.getByText('Guest agent:'));
    await user.click(screen.getByRole('checkbox', { name: /Silent/ }));
    await vi.waitFor(() => expect(names()).toEqual(['web-01']));
    await vi.waitFor(() => expect(router.state.location.search).toBe('?sort=guest&guest=silent'));
  });

  it('still lists the VMs when the guest agents cannot be read, their column then unknown', async () => {
    serveList('vms', [vm(1, 'db-01')]);
    let asked = false;
    server.use(
      http.get(guestRoutes.agents, () => {
        asked = true;
        return HttpResponse.json(
          { error: { code: 'upstream_unavailable', message: 'The guest service did not answer.' } },
          { status: 503 },
        );
      }),
    );
    renderPage();
    await screen.findByRole('link', { name: 'db-01' });
    await vi.waitFor(() => expect(asked).toBe(true));
    expect(guestCell('db-01')).toHaveTextContent('Unknown');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
