import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Datacenter } from '@/shared/ovh/models';
import { datacenterExample } from '@/shared/ovh/ovh-api-examples';
import { hostVcpusAnswer, vmVcpusAnswer } from '@/web/features/capacity/testing/gnocchi-answers';
import { summaryAnswer } from '@/web/testing/datacenter-summary';
import { server } from '@/web/testing/msw-server';
import { renderWithProviders } from '@/web/testing/render';
import { DatacenterCard } from './datacenter-card';

const datacenter = { ...datacenterExample, name: 'Paris-A' } as unknown as Datacenter;

const answer = summaryAnswer({
  hosts: { total: 3, connected: 2, inMaintenance: 1 },
  storage: { used: 1536, total: 1600, percent: 96 },
});

describe('DatacenterCard', () => {
  it('names each figure and gives its value, linking to the pages behind them', async () => {
    const searches: unknown[] = [];
    server.use(
      http.get(`/api/services/pcc-1/datacenters/${datacenter.datacenterId}/summary`, () =>
        HttpResponse.json(answer),
      ),
      http.post('/metering/v1/aggregates', async ({ request }) => {
        const body = (await request.json()) as { resource_type: string; search: string };
        searches.push(body.search);
        return HttpResponse.json(body.resource_type === 'host' ? hostVcpusAnswer : vmVcpusAnswer);
      }),
    );
    renderWithProviders(<DatacenterCard serviceName="pcc-1" datacenter={datacenter} />, { url: '/?lang=en' });
    await screen.findByText('2 / 3 connected');
    await screen.findByText(/logical CPUs/);

    const figures = within(screen.getByRole('article', { name: 'Paris-A' }))
      .getAllByRole('term')
      .map((term) => [term.textContent, term.nextElementSibling?.textContent]);
    expect(figures).toEqual([
      ['Hosts', '2 / 3 connected · 1 in maintenance'],
      ['VMs', '1 on / 1'],
      ['CPU', '50% · 10 GHz / 20 GHz'],
      ['RAM', '40% · 102 GB / 256 GB'],
      ['Storage', '✖ 96% · 1.5 TB / 1.6 TB'],
      ['vCPU ratio', '0.5:1 · 16 vCPUs / 32 logical CPUs'],
    ]);
    expect(searches).toEqual([
      `service = "pcc-1" and datacenter_id = ${datacenter.datacenterId}`,
      `service = "pcc-1" and datacenter_id = ${datacenter.datacenterId}`,
    ]);
    expect(screen.getByRole('img', { name: 'Critical' })).toHaveTextContent('✖');
    expect(screen.getByRole('link', { name: 'Storage' })).toHaveAttribute(
      'href',
      `/dc/pcc-1/${datacenter.datacenterId}/filers?lang=en`,
    );
    expect(screen.getByRole('link', { name: 'vCPU ratio' })).toHaveAttribute(
      'href',
      `/dc/pcc-1/${datacenter.datacenterId}/capacity?lang=en`,
    );
  });

  it('says when the datacenter is not metered yet', async () => {
    server.use(
      http.get(`/api/services/pcc-1/datacenters/${datacenter.datacenterId}/summary`, () =>
        HttpResponse.json(answer),
      ),
      http.post('/metering/v1/aggregates', () =>
        HttpResponse.json(
          { code: 404, title: 'Not Found', description: "Metric ['vcpus'] does not exist" },
          { status: 404 },
        ),
      ),
    );
    renderWithProviders(<DatacenterCard serviceName="pcc-1" datacenter={datacenter} />, { url: '/?lang=en' });
    expect(await screen.findByText('No metering yet')).toBeInTheDocument();
  });
});
