import { act, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GuestOverview } from '@/shared/api/guest';
import { withTableViewport } from '@/web/components/data-table/test-viewport';
import type { VmRow } from '@/shared/api/inventory';
import { GUEST_POLL_MS, guestOverview, guestRoutes, processHistory } from '@/web/testing/guest-answers';
import { freshList, listRoute } from '@/web/testing/inventory-pages';
import { server } from '@/web/testing/msw-server';
import { renderWithProviders } from '@/web/testing/render';
import { ProcessesPage } from './processes-page';
import { withChartSize } from '@/web/testing/chart-size';

withTableViewport();

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

function listedVm(powerState: VmRow['powerState']): VmRow {
  return {
    vmId: 1254,
    moRef: 'vm-1254',
    name: 'db-prod-01',
    powerState,
    hostName: null,
    clusterName: null,
    folderName: null,
    vmwareTools: 'guestToolsRunning',
    vmwareToolsVersion: null,
    cpuNum: 4,
    memoryMax: 8192,
    cpuUsed: null,
    cpuPercent: null,
    memoryUsed: null,
    memoryPercent: null,
    cpuReady: null,
    cpuReadyPercent: null,
    netRx: null,
    netTx: null,
    readPerSecond: null,
    writePerSecond: null,
    readRate: null,
    writeRate: null,
    readLatency: null,
    writeLatency: null,
    stateFt: null,
    snapshotNum: 0,
    backup: null,
  };
}

/** Serves the VM list and the overview `answer` builds for each request; returns how many were asked. */
function serveGuest(
  answer: (call: number) => Response | GuestOverview,
  powerState: VmRow['powerState'] = 'poweredOn',
) {
  const calls = { overview: 0, processes: [] as string[], live: 0 };
  server.use(
    http.get(listRoute('vms'), () => HttpResponse.json(freshList('vms', [listedVm(powerState)]))),
    http.get(guestRoutes.overview, () => {
      calls.overview += 1;
      const body = answer(calls.overview);
      return body instanceof Response ? body : HttpResponse.json(body);
    }),
    http.get(guestRoutes.process, ({ params }) => {
      calls.processes.push(String(params.name));
      return HttpResponse.json(processHistory(String(params.name), NOW));
    }),
    http.post(guestRoutes.live, () => {
      calls.live += 1;
      return HttpResponse.json({ liveUntil: Date.now() + 5 * 60_000 });
    }),
  );
  return calls;
}

const renderPage = (query = '?tz=utc') =>
  renderWithProviders(<ProcessesPage />, {
    path: '/dc/:serviceName/:datacenterId/vms/:id/processes',
    url: `/dc/pcc-1/886/vms/1254/processes${query}`,
  });

const processNames = () =>
  within(screen.getByRole('table', { name: 'Processes' }))
    .getAllByRole('row')
    .filter((row) => row.hasAttribute('data-row-id'))
    .map((row) => within(row).getAllByRole('cell')[0]!.textContent);

withChartSize();

afterEach(() => {
  vi.useRealTimers();
});

describe('ProcessesPage', () => {
  it('shows the VM, its agent, its summary with recent charts, and its processes, beside its Graphs', async () => {
    serveGuest(() => guestOverview(NOW));
    renderPage();
    expect(screen.getByRole('status')).toHaveTextContent('Loading');
    expect(await screen.findByRole('table', { name: 'Processes' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 1, name: /VM db-prod-01/ })).toBeInTheDocument();
    expect(screen.getByText('Reporting')).toBeInTheDocument();

    const figures = screen.getByRole('region', { name: 'Inside the VM' });
    expect(within(figures).getByText('CPU').nextSibling).toHaveTextContent('13%');
    expect(within(figures).getByText('Disk write').nextSibling).toHaveTextContent('4 kB/s');
    expect(within(figures).getByText('Processes').nextSibling).toHaveTextContent('3');
    expect(
      within(figures)
        .getAllByRole('figure')
        .map((f) => within(f).getByRole('heading').textContent),
    ).toEqual(['CPU usage', 'Memory usage', 'Disk bandwidth', 'Network traffic']);

    expect(processNames()).toEqual(['systemd', 'sshd', 'postgres']);
    const tabs = screen.getByRole('navigation', { name: 'VM pages' });
    expect(within(tabs).getByRole('link', { name: 'Graphs' })).toHaveAttribute(
      'href',
      '/dc/pcc-1/886/vms/1254/graphs?tz=utc',
    );
    expect(within(tabs).getByRole('link', { name: 'Processes' })).toHaveAttribute('aria-current', 'page');
  });

  it('sorts and filters the processes, keeping both in the URL', async () => {
    serveGuest(() => guestOverview(NOW));
    const { user, router } = renderPage('');
    await screen.findByRole('table', { name: 'Processes' });

    await user.click(screen.getByRole('button', { name: 'CPU' }));
    expect(processNames()).toEqual(['postgres', 'sshd', 'systemd']);
    await vi.waitFor(() => expect(router.state.location.search).toBe('?sort=-cpu'));

    await user.type(screen.getByRole('searchbox', { name: 'Filter rows' }), 'sys');
    expect(processNames()).toEqual(['systemd']);
    await vi.waitFor(() => expect(router.state.location.search).toBe('?sort=-cpu&q=sys'));

    await user.clear(screen.getByRole('searchbox', { name: 'Filter rows' }));
    await user.click(screen.getByText('State:'));
    await user.click(screen.getByRole('checkbox', { name: /Ended/ }));
    await vi.waitFor(() => expect(processNames()).toEqual(['postgres']));
    await vi.waitFor(() => expect(router.state.location.search).toBe('?sort=-cpu&state=ended'));
  });

  it('opens a process’s own history as charts, in the URL, and closes it', async () => {
    const calls = serveGuest(() => guestOverview(NOW));
    const { user, router } = renderPage('');
    await screen.findByRole('table', { name: 'Processes' });

    await user.click(screen.getByRole('button', { name: 'sshd' }));
    const history = await screen.findByRole('region', { name: 'History of sshd' });
    expect(await within(history).findByRole('figure', { name: 'CPU usage' })).toBeInTheDocument();
    expect(calls.processes).toEqual(['sshd']);
    expect(router.state.location.search).toBe('?process=sshd');

    await user.click(within(history).getByRole('button', { name: 'Close the history' }));
    expect(screen.queryByRole('region', { name: 'History of sshd' })).not.toBeInTheDocument();
    expect(router.state.location.search).toBe('');
  });

  it('polls every 3 s while Live is on, with the mode shown, and back at 10 s after Stop', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: NOW });
    const calls = serveGuest(() => guestOverview(Date.now()));
    const { user } = renderPage();
    await screen.findByRole('table', { name: 'Processes' });
    expect(calls.overview).toBe(1);

    await user.click(screen.getByRole('button', { name: 'Live' }));
    expect(await screen.findByText(/^Live · every 3 s · until 12:05 UTC/)).toBeInTheDocument();
    expect(calls.live).toBe(1);
    const before = calls.overview;
    await act(() => vi.advanceTimersByTimeAsync(3_000));
    await vi.waitFor(() => expect(calls.overview).toBe(before + 1));
    await act(() => vi.advanceTimersByTimeAsync(3_000));
    await vi.waitFor(() => expect(calls.overview).toBe(before + 2));

    await user.click(screen.getByRole('button', { name: 'Stop' }));
    expect(screen.queryByText(/^Live ·/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Live' })).toBeInTheDocument();
    const stopped = calls.overview;
    await act(() => vi.advanceTimersByTimeAsync(6_000));
    expect(calls.overview).toBe(stopped);
    await act(() => vi.advanceTimersByTimeAsync(GUEST_POLL_MS));
    await vi.waitFor(() => expect(calls.overview).toBe(stopped + 1));
  });

  it('takes up a Live period the server reports (asked elsewhere, or before a reload), until the user stops it', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: NOW });
    const calls = serveGuest(() => ({ ...guestOverview(Date.now()), liveUntil: NOW + 5 * 60_000 }));
    const { user } = renderPage();
    expect(await screen.findByText(/^Live · every 3 s · until 12:05 UTC/)).toBeInTheDocument();
    expect(calls.live).toBe(0);
    const before = calls.overview;
    await act(() => vi.advanceTimersByTimeAsync(3_000));
    await vi.waitFor(() => expect(calls.overview).toBe(before + 1));

    await user.click(screen.getByRole('button', { name: 'Stop' }));
    const stopped = calls.overview;
    await act(() => vi.advanceTimersByTimeAsync(6_000));
    expect(calls.overview).toBe(stopped);
    expect(screen.queryByText(/^Live ·/)).not.toBeInTheDocument();
  });

  it('ends Live by itself at the time the server gave', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: NOW });
    serveGuest(() => guestOverview(Date.now()));
    server.use(http.post(guestRoutes.live, () => HttpResponse.json({ liveUntil: Date.now() + 9_000 })));
    const { user } = renderPage();
    await screen.findByRole('table', { name: 'Processes' });
    await user.click(screen.getByRole('button', { name: 'Live' }));
    await screen.findByText(/^Live ·/);
    await act(() => vi.advanceTimersByTimeAsync(9_000));
    await vi.waitFor(() => expect(screen.queryByText(/^Live ·/)).not.toBeInTheDocument());
  });

  it('says what to install, and the instance id to report as, when the VM has no agent', async () => {
    serveGuest(() => guestOverview(NOW, { agent: 'none', lastReportAt: null, history: [], processes: [] }));
    renderPage();
    expect(await screen.findByText('No guest agent reports for this VM.')).toBeInTheDocument();
    expect(screen.getByText(/vm-monitor-agent/)).toHaveTextContent('instance id pcc-1/vm-1254');
    expect(screen.queryByRole('button', { name: 'Live' })).not.toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says since when a silent agent has said nothing, and still shows its last report', async () => {
    serveGuest(() => guestOverview(NOW, { agent: 'silent', lastReportAt: Date.UTC(2026, 10, 23, 9, 30) }));
    renderPage();
    expect(
      await screen.findByText(/The guest agent has been silent since 23\/11\/2026, 09:30 UTC/),
    ).toBeInTheDocument();
    expect(screen.getByText('Silent')).toBeInTheDocument();
    expect(processNames()).toEqual(['systemd', 'sshd', 'postgres']);
  });

  it('says a powered-off VM is off, and shows what its agent last reported', async () => {
    serveGuest(() => guestOverview(NOW, { agent: 'silent' }), 'poweredOff');
    renderPage();
    expect(await screen.findByText(/This VM is powered off/)).toBeInTheDocument();
    expect(processNames()).toEqual(['systemd', 'sshd', 'postgres']);
  });

  it('says a powered-off VM without an agent is off, beside what to install', async () => {
    serveGuest(() => guestOverview(NOW, { agent: 'none', history: [], processes: [] }), 'poweredOff');
    renderPage();
    expect(await screen.findByText(/This VM is powered off/)).toBeInTheDocument();
    expect(screen.getByText('No guest agent reports for this VM.')).toBeInTheDocument();
  });

  it('keeps the last data, marked stale, when the guest service cannot be reached', async () => {
    serveGuest(() => ({
      ...guestOverview(NOW),
      stale: true,
      error: { message: 'The guest service did not answer.', at: NOW + 20_000 },
    }));
    renderPage();
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent(/Stale since 12:00:00/);
    expect(banner).toHaveTextContent('The guest service did not answer.');
    expect(processNames()).toEqual(['systemd', 'sshd', 'postgres']);
  });

  it('shows the error with a retry when the guest service is down and nothing is cached', async () => {
    serveGuest((call) =>
      call === 1
        ? HttpResponse.json(
            { error: { code: 'upstream_unavailable', message: 'The guest service did not answer.' } },
            { status: 503 },
          )
        : guestOverview(NOW),
    );
    const { user } = renderPage();
    expect(await screen.findByRole('alert')).toHaveTextContent('The guest service did not answer.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('table', { name: 'Processes' })).toBeInTheDocument();
  });

  it('explains the GUEST_URL setting when the server has no guest service', async () => {
    serveGuest(() =>
      HttpResponse.json(
        { error: { code: 'guest_not_configured', message: 'No guest service is configured.' } },
        { status: 404 },
      ),
    );
    renderPage();
    expect(await screen.findByText('Guest monitoring is not configured on this server.')).toBeInTheDocument();
    expect(screen.getByText(/Set GUEST_URL/)).toBeInTheDocument();
  });
});
