import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { DatacenterSummaryResponse } from '../../../../shared/api/inventory';
import type { Datacenter } from '../../../../shared/ovh/models';
import { datacenterExample } from '../../../../shared/ovh/ovh-api-examples';
import { server } from '../../../testing/msw-server';
import { renderWithProviders } from '../../../testing/render';
import { DatacenterCard } from './datacenter-card';

const datacenter = { ...datacenterExample, name: 'Paris-A' } as unknown as Datacenter;

const answer: DatacenterSummaryResponse = {
  fetchedAt: Date.now(),
  stale: false,
  pollIntervalMs: 120_000,
  summary: {
    hosts: { total: 3, connected: 2, inMaintenance: 1 },
    vms: { total: 40, poweredOn: 31, poweredOff: 8, suspended: 1 },
    cpu: { used: 12_400, total: 20_000, percent: 62 },
    memory: { used: 131_072, total: 262_144, percent: 50 },
    storage: { used: 1536, total: 1600, percent: 96 },
    alerts: [],
  },
};

describe('DatacenterCard', () => {
  it('names each figure and gives its value, linking to the pages behind them', async () => {
    server.use(
      http.get(`/api/services/pcc-1/datacenters/${datacenter.datacenterId}/summary`, () =>
        HttpResponse.json(answer),
      ),
    );
    renderWithProviders(<DatacenterCard serviceName="pcc-1" datacenter={datacenter} />, { url: '/?lang=en' });
    await screen.findByText('2 / 3 connected');

    const figures = within(screen.getByRole('article', { name: 'Paris-A' }))
      .getAllByRole('term')
      .map((term) => [term.textContent, term.nextElementSibling?.textContent]);
    expect(figures).toEqual([
      ['Hosts', '2 / 3 connected · 1 in maintenance'],
      ['VMs', '31 on / 40'],
      ['CPU', '62% · 12.4 GHz / 20 GHz'],
      ['RAM', '50% · 128 GB / 256 GB'],
      ['Storage', '✖ 96% · 1.5 TB / 1.6 TB'],
    ]);
    expect(screen.getByRole('img', { name: 'Critical' })).toHaveTextContent('✖');
    expect(screen.getByRole('link', { name: 'Storage' })).toHaveAttribute(
      'href',
      `/dc/pcc-1/${datacenter.datacenterId}/filers?lang=en`,
    );
  });
});
