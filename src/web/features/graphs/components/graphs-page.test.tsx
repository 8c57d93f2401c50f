import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { FilerRow } from '@/shared/api/inventory';
import type { PeriodName, SeriesLine, SeriesResponse } from '@/shared/api/series';
import { CATALOG, PERIODS } from '@/shared/metrics/catalog';
import { entityOfRoute, type EntityRoute } from '@/shared/metrics/entities';
import { freshList, listRoute } from '@/web/testing/inventory-pages';
import { server } from '@/web/testing/msw-server';
import { renderWithProviders } from '@/web/testing/render';
import { minuteStamp } from '@/web/lib/date-stamp';
import { GraphsPage } from './graphs-page';
import { withChartSize } from '@/web/testing/chart-size';

const PATH = '/dc/:serviceName/:datacenterId/:kind/:id/graphs';
const SERIES = '/api/services/:serviceName/datacenters/:datacenterId/:kind/:id/series';
const POINTS: Record<PeriodName, number> = { day: 288, week: 336, month: 360, year: 365 };
const END = Date.UTC(2026, 10, 23, 14, 0);

function line(metric: string, unit: string, count: number, nic: string | null = null): SeriesLine {
  const avg = Array.from({ length: count }, (_, i) => 20 + (i % 10));
  return { metric, unit, nic, avg, min: avg.map((v) => v - 5), max: avg.map((v) => v + 5) };
}

function seriesResponse(
  kind: EntityRoute,
  count: number,
  intervalMs: number,
  change: (lines: SeriesLine[]) => SeriesLine[] = (lines) => lines,
): SeriesResponse {
  const timestamps = Array.from({ length: count }, (_, i) => END - (count - 1 - i) * intervalMs);
  const lines = CATALOG.metricsOf(entityOfRoute(kind)).flatMap((m) =>
    m.nicField
      ? ['vmnic0', 'vmnic1'].map((nic) => line(m.name, m.unit, count, nic))
      : [line(m.name, m.unit, count)],
  );
  return {
    entity: { kind, id: 1003, name: kind === 'vms' ? 'web-01' : 'entity-1' },
    period: 'custom',
    from: timestamps[0]!,
    to: END + 60_000,
    intervalMs,
    timestamps,
    series: change(lines),
    source: 'embedded tsdb',
  };
}

/** Answers every series request like the server would for a period, and records what was asked. */
function serveSeries(change?: (lines: SeriesLine[]) => SeriesLine[]) {
  const requests: URLSearchParams[] = [];
  server.use(
    http.get(SERIES, ({ request, params }) => {
      const search = new URL(request.url).searchParams;
      requests.push(search);
      const period = (search.get('period') ?? 'day') as PeriodName;
      const kind = params.kind as EntityRoute;
      const { intervalMs } = PERIODS[period];
      return HttpResponse.json({
        ...seriesResponse(kind, search.has('from') ? 12 : POINTS[period], intervalMs, change),
        period: search.has('from') ? 'custom' : period,
      });
    }),
  );
  return requests;
}

function renderPage(url = '/dc/pcc-1/886/vms/1003/graphs') {
  return renderWithProviders(<GraphsPage />, { url, path: PATH });
}

/** How many points the chart's average line draws: one path command per point. */
function drawnPoints(figure: HTMLElement): number {
  const path = figure.querySelector('.recharts-line-curve');
  return path?.getAttribute('d')?.match(/[ML]/g)?.length ?? 0;
}

const chart = (name: string) => screen.getByRole('figure', { name });

withChartSize();

describe('GraphsPage', () => {
  it('shows a VM’s Day: its name, 288 points and one chart per metric group, with a way back', async () => {
    const requests = serveSeries();
    renderPage('/dc/pcc-1/886/vms/1003/graphs?tz=utc&theme=dark');

    expect(await screen.findByRole('heading', { level: 1, name: /VM web-01/ })).toBeInTheDocument();
    expect(requests.map((r) => r.toString())).toEqual(['period=day']);
    expect(screen.getByText(/^288 points, one every 5 minutes/)).toBeInTheDocument();
    expect(screen.getAllByRole('figure').map((f) => within(f).getByRole('heading').textContent)).toEqual([
      'CPU usage',
      'Memory usage',
      'CPU ready',
      'Network traffic',
      'Network packets',
      'Disk IOPS',
      'Disk bandwidth',
      'Disk latency',
    ]);
    await waitFor(() => expect(drawnPoints(chart('CPU usage'))).toBe(288));
    expect(screen.getByRole('tab', { name: 'Day' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('link', { name: /Back to VMs/ })).toHaveAttribute(
      'href',
      '/dc/pcc-1/886/vms?theme=dark&tz=utc',
    );
  });

  it('switches periods by click and by arrow keys: the request, the URL and the points follow', async () => {
    // Three charts are enough to count points; jsdom draws every one of them, four times.
    const requests = serveSeries((lines) =>
      lines.filter((l) => /usage|net\.(rx|tx)$|latency/.test(l.metric)),
    );
    const { user, router } = renderPage('/dc/pcc-1/886/vms/1003/graphs?lang=en');
    await screen.findByText(/^288 points/);

    await user.click(screen.getByRole('tab', { name: 'Week' }));
    expect(await screen.findByText(/^336 points, one every 30 minutes/)).toBeInTheDocument();
    expect(router.state.location.search).toBe('?lang=en&period=week');
    await waitFor(() => expect(drawnPoints(chart('Disk latency'))).toBe(336));

    await user.keyboard('{ArrowRight}');
    expect(await screen.findByText(/^360 points, one every 2 hours/)).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Month' })).toHaveFocus();
    expect(screen.getByRole('tab', { name: 'Month' })).toHaveAttribute('aria-selected', 'true');

    await user.keyboard('{End}');
    expect(await screen.findByText(/^365 points, one every 1 day/)).toBeInTheDocument();
    expect(router.state.location.search).toBe('?lang=en&period=year');
    await waitFor(() => expect(drawnPoints(chart('Network traffic'))).toBe(365));
    expect(requests.map((r) => r.get('period'))).toEqual(['day', 'week', 'month', 'year']);
  });

  it('explains a custom range it cannot show, and shows a valid one from the URL', async () => {
    const requests = serveSeries();
    const { user, router } = renderPage('/dc/pcc-1/886/vms/1003/graphs?tz=utc');
    await screen.findByText(/^288 points/);
    const from = screen.getByLabelText(/^From/);
    const to = screen.getByLabelText(/^To/);
    const show = screen.getByRole('button', { name: 'Show range' });

    const input = (daysFromNow: number) => minuteStamp(Date.now() + daysFromNow * 86_400_000, 'utc');
    const cases: [string, string, RegExp][] = [
      ['2026-11-20T10:00', '2026-11-20T09:00', /start must be before the end/],
      [input(-1), input(1), /end cannot be in the future/],
      [input(-400), input(0), /366 days/],
      ['2001-01-01T00:00', '2001-02-01T00:00', /two years at most/],
      ['', '2026-11-20T09:00', /both a start and an end/],
    ];
    for (const [fromValue, toValue, message] of cases) {
      fireEvent.change(from, { target: { value: fromValue } });
      fireEvent.change(to, { target: { value: toValue } });
      await user.click(show);
      expect(screen.getByRole('alert')).toHaveTextContent(message);
    }
    expect(to).toHaveAttribute('aria-invalid', 'true');
    expect(requests).toHaveLength(1);

    const end = Math.floor(Date.now() / 60_000) * 60_000 - 86_400_000;
    fireEvent.change(from, { target: { value: minuteStamp(end - 3_600_000, 'utc') } });
    fireEvent.change(to, { target: { value: minuteStamp(end, 'utc') } });
    await user.click(show);

    expect(await screen.findByText(/^12 points/)).toBeInTheDocument();
    expect(requests[1]?.toString()).toBe(`from=${end - 3_600_000}&to=${end}`);
    const url = new URLSearchParams(router.state.location.search);
    expect([url.get('tz'), url.get('from'), url.get('to'), url.has('period')]).toEqual([
      'utc',
      new Date(end - 3_600_000).toISOString(),
      new Date(end).toISOString(),
      false,
    ]);
    expect(screen.getByRole('tab', { name: 'Day' })).toHaveAttribute('aria-selected', 'false');
    expect(screen.getByText('Custom range: not refreshed')).toBeInTheDocument();
  });

  it('says when the URL’s range cannot be shown and shows the last day instead', async () => {
    const requests = serveSeries();
    renderPage('/dc/pcc-1/886/vms/1003/graphs?from=2026-11-20T10:00:00Z&to=2026-11-20T09:00:00Z');
    expect(await screen.findByText(/cannot be shown: The start must be before the end/)).toBeInTheDocument();
    await screen.findByText(/^288 points/);
    expect(requests[0]?.toString()).toBe('period=day');
  });

  it('shows “No data” for each chart whose series are empty or all null, never a flat line', async () => {
    serveSeries((lines) =>
      lines.map((l) => {
        if (l.metric === 'vscope.vm.cpu.ready') return { ...l, avg: [], min: [], max: [] };
        if (l.metric.startsWith('vscope.vm.disk.latency')) {
          const nulls = l.avg.map(() => null);
          return { ...l, avg: nulls, min: nulls, max: nulls };
        }
        if (l.metric === 'vscope.vm.net.tx') return { ...l, avg: l.avg.map(() => null) };
        return l;
      }),
    );
    renderPage();
    await screen.findByText(/^288 points/);

    for (const name of ['CPU ready', 'Disk latency']) {
      expect(within(chart(name)).getByRole('status')).toHaveTextContent('No data');
      expect(chart(name).querySelector('svg.recharts-surface')).toBeNull();
    }
    // One line of two without data: the chart stays, its empty line says so.
    const network = chart('Network traffic');
    await waitFor(() => expect(drawnPoints(network)).toBe(288));
    expect(within(network).getByText('Sent').parentElement).toHaveTextContent('Sent No data');
    expect(within(chart('CPU usage')).queryByText('No data')).toBeNull();
  });

  it('puts current, avg and max under each chart title, in the chart’s unit', async () => {
    serveSeries((lines) =>
      lines.map((l) =>
        l.metric === 'vscope.vm.cpu.usage.perc' ? { ...l, avg: [10, 20, 60], max: [15, 90, 70] } : l,
      ),
    );
    renderPage();
    await screen.findByText(/^288 points/);
    expect(within(chart('CPU usage')).getByRole('listitem')).toHaveTextContent(
      'Usage current 60% · avg 30% · max 90%',
    );
  });

  it('shows a filer’s space used against its capacity', async () => {
    serveSeries();
    const filer: FilerRow = {
      activeNode: 'master',
      billingType: 'monthly',
      connectionState: 'online',
      filerId: 1003,
      fullProfile: '1.6 TB',
      isManagedByOvh: false,
      master: 'nfs-1.pcc.ovh.net',
      name: 'pcc-001003',
      profile: '1600g',
      resourceName: null,
      size: { unit: 'GB', value: 1600 },
      slave: null,
      spaceFree: 400,
      spaceProvisionned: 1800,
      spaceUsed: 1200,
      state: 'delivered',
      vmTotal: 4,
      global: false,
      usedPercent: 75,
      provisionedPercent: 112.5,
    };
    server.use(http.get(listRoute('filers'), () => HttpResponse.json(freshList('filers', [filer], END))));
    renderPage('/dc/pcc-1/886/filers/1003/graphs');
    expect(await screen.findByText('Capacity 1.6 TB')).toBeInTheDocument();
    expect(screen.getAllByRole('figure')).toHaveLength(1);
  });

  it('gives a host one network and one packets chart per NIC', async () => {
    serveSeries();
    renderPage('/dc/pcc-1/886/hosts/1003/graphs');
    await screen.findByText(/^288 points/);
    expect(screen.getAllByRole('figure').map((f) => f.dataset.chart)).toEqual([
      'cpu',
      'memory',
      'network-vmnic0',
      'network-vmnic1',
      'packets-vmnic0',
      'packets-vmnic1',
    ]);
    expect(chart('Network traffic · vmnic1')).toBeInTheDocument();
  });

  it('shows the server’s error with a retry, then the graphs once it answers', async () => {
    server.use(
      http.get(SERIES, () =>
        HttpResponse.json(
          { error: { code: 'upstream_unavailable', message: 'History is unavailable right now: down' } },
          { status: 503 },
        ),
      ),
    );
    const { user } = renderPage();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('History is unavailable right now: down');

    serveSeries();
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/^288 points/)).toBeInTheDocument();
  });

  it('keeps the last graphs under a stale banner when a refresh fails', async () => {
    serveSeries();
    const { queryClient } = renderPage();
    await screen.findByText(/^288 points/);
    server.use(http.get(SERIES, () => HttpResponse.error()));

    await queryClient.refetchQueries();
    expect(await screen.findByText(/Stale since/)).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('The server cannot be reached.');
    expect(screen.getByText(/^288 points/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    await waitFor(() => expect(drawnPoints(chart('CPU usage'))).toBe(288));
  });
});
