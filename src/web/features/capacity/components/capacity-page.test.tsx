import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { server } from '@/web/testing/msw-server';
import { renderWithProviders } from '@/web/testing/render';
import {
  badFilterAnswer,
  hostVcpusAnswer,
  noMatchAnswer,
  RECORDED_RANGE,
  vmResourceTypeAnswer,
  vmVcpusAnswer,
  vmVcpusByFolderAnswer,
} from '../testing/gnocchi-answers';
import { CapacityPage } from './capacity-page';

const PATH = '/dc/:serviceName/:datacenterId/capacity';
const RANGE = `from=${new Date(RECORDED_RANGE.from).toISOString()}&to=${new Date(RECORDED_RANGE.to).toISOString()}&gran=86400`;
const url = (search = '') => `/dc/pcc-1/886/capacity?lang=en&${RANGE}${search}`;

interface SentRequest {
  query: URLSearchParams;
  body: { operations: string; resource_type: string; search: string };
}

/** The metering API as the engine answers it, recording every aggregates request. */
function meteringApi(answer: (sent: SentRequest) => Response | undefined = () => undefined) {
  const sent: SentRequest[] = [];
  server.use(
    http.get('/metering/v1/resource_type/vm', () => HttpResponse.json(vmResourceTypeAnswer)),
    http.post('/metering/v1/aggregates', async ({ request }) => {
      const request_ = {
        query: new URL(request.url).searchParams,
        body: (await request.json()) as SentRequest['body'],
      };
      sent.push(request_);
      if (request_.body.resource_type === 'host') return HttpResponse.json(hostVcpusAnswer);
      return (
        answer(request_) ??
        HttpResponse.json(request_.query.has('groupby') ? vmVcpusByFolderAnswer : vmVcpusAnswer)
      );
    }),
  );
  return sent;
}

const tableRows = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));

describe('CapacityPage', () => {
  it("asks the metering API for the datacenter's provisioned vCPUs against its hosts, and tables them", async () => {
    const sent = meteringApi();
    renderWithProviders(<CapacityPage />, { path: PATH, url: url() });

    expect(await screen.findByRole('figure', { name: 'vCPUs provisioned to VMs' })).toBeInTheDocument();
    expect(tableRows()).toEqual([
      ['Group', 'Latest', 'Average', 'Maximum', 'Share of offered'],
      ['All matching resources', '16', '14.7', '16', '50%'],
    ]);
    const vm = sent.find((s) => s.body.resource_type === 'vm')!;
    expect(vm.body).toEqual({
      operations: '(aggregate sum (metric vcpus mean))',
      resource_type: 'vm',
      search: 'service = "pcc-1" and datacenter_id = 886',
    });
    expect(Object.fromEntries(vm.query)).toEqual({
      start: '2026-12-01T00:00:00.000Z',
      stop: '2026-12-04T00:00:00.000Z',
      granularity: '86400',
      fill: '0',
    });
    expect(sent.find((s) => s.body.resource_type === 'host')?.body.operations).toBe(
      '(aggregate sum (metric vcpus mean))',
    );
  });

  it('groups by folder from the picker, into the URL, one row per folder and a total', async () => {
    const sent = meteringApi();
    const { user, router } = renderWithProviders(<CapacityPage />, { path: PATH, url: url() });
    await screen.findByRole('table');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Group by' }), 'folder');

    expect(await screen.findByRole('rowheader', { name: 'prod' })).toBeInTheDocument();
    expect(tableRows().slice(1)).toEqual([
      ['prod', '8', '6.7', '8', '25%'],
      ['test', '8', '8', '8', '25%'],
      ['Total', '16', '14.7', '16', '50%'],
    ]);
    expect(sent.at(-1)?.query.get('groupby')).toBe('folder');
    expect(router.state.location.search).toContain('group=folder');
  });

  it('searches with the datacenter filter around the text, and shows a bad filter inline at its position', async () => {
    const sent = meteringApi((s) =>
      s.body.search.startsWith('(name = )') ? HttpResponse.json(badFilterAnswer, { status: 400 }) : undefined,
    );
    const { user, router } = renderWithProviders(<CapacityPage />, { path: PATH, url: url() });
    await screen.findByRole('table');

    await user.type(
      screen.getByRole('searchbox', { name: 'Filter (Gnocchi query syntax)' }),
      'name = {Enter}',
    );

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The filter is not valid at character 8.');
    expect(alert).toHaveTextContent("found ')'");
    // The field is the URL's again (re-mounted): the caret points into what was searched.
    const field = screen.getByRole('searchbox', { name: 'Filter (Gnocchi query syntax)' });
    expect(field).toHaveValue('name = ');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(/The filter is not valid at character 8/);
    expect(sent.at(-1)?.body.search).toBe('(name = ) and service = "pcc-1" and datacenter_id = 886');
    expect(new URLSearchParams(router.state.location.search).get('q')).toBe('name = ');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says no resource matches when the search finds nothing', async () => {
    meteringApi((s) =>
      s.body.search.includes('nope') ? HttpResponse.json(noMatchAnswer, { status: 404 }) : undefined,
    );
    renderWithProviders(<CapacityPage />, { path: PATH, url: url('&q=name%20%3D%20%22nope%22') });

    expect(
      await screen.findByText('No resource matches this filter in this datacenter.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('refuses unbalanced parentheses before asking, pointing at the stray one', async () => {
    const sent = meteringApi();
    renderWithProviders(<CapacityPage />, { path: PATH, url: url('&q=name%20%3D%20%22a%22)%20or%20(1') });

    expect(await screen.findByRole('alert')).toHaveTextContent('Unbalanced parenthesis at character 11.');
    expect(sent.filter((s) => s.body.resource_type === 'vm')).toEqual([]);
  });

  it('inserts an attribute name from the resource type, and a preset searches powered-on VMs', async () => {
    const sent = meteringApi();
    const { user } = renderWithProviders(<CapacityPage />, { path: PATH, url: url() });
    await screen.findByRole('table');

    await user.click(await screen.findByRole('button', { name: 'Insert the attribute folder' }));
    expect(screen.getByRole('searchbox')).toHaveValue('folder');
    await user.click(screen.getByRole('button', { name: 'Powered-on VMs' }));

    await vi.waitFor(() =>
      expect(sent.at(-1)?.body.search).toBe(
        '(power_state = "poweredOn") and service = "pcc-1" and datacenter_id = 886',
      ),
    );
  });

  it('copies the exact request as curl, with a $TOKEN placeholder and no secret', async () => {
    meteringApi();
    const { user } = renderWithProviders(<CapacityPage />, { path: PATH, url: url('&group=folder') });
    await screen.findByRole('table');

    await user.click(screen.getByRole('button', { name: 'Copy as curl' }));

    const copied = await navigator.clipboard.readText();
    expect(copied).toContain('-H "X-Auth-Token: $TOKEN"');
    expect(copied).toContain(
      "'http://localhost:3000/metering/v1/aggregates?start=2026-12-01T00%3A00%3A00.000Z&stop=2026-12-04T00%3A00%3A00.000Z&granularity=86400&fill=0&groupby=folder'",
    );
    expect(copied).toContain(
      `-d '{"operations":"(aggregate sum (metric vcpus mean))","resource_type":"vm","search":"service = \\"pcc-1\\" and datacenter_id = 886"}'`,
    );
    expect(screen.getByText('Copied. Set TOKEN to an API token before running it.')).toBeInTheDocument();
  });

  it('keeps the chart under a stale banner when a refresh fails, with a retry', async () => {
    meteringApi();
    const { queryClient } = renderWithProviders(<CapacityPage />, {
      path: PATH,
      url: '/dc/pcc-1/886/capacity?lang=en&period=month',
    });
    await screen.findByRole('table');
    expect(screen.queryByText(/^Stale since/)).not.toBeInTheDocument();

    server.use(
      http.post('/metering/v1/aggregates', () =>
        HttpResponse.json(
          { code: 503, title: 'Service Unavailable', description: 'engine busy' },
          { status: 503 },
        ),
      ),
    );
    await queryClient.refetchQueries();

    expect(await screen.findByRole('alert')).toHaveTextContent(/Stale since .*\(engine busy\)/);
    expect(screen.getByRole('table')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
