import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/web/testing/render';
import { VmPageTabs } from './vm-page-tabs';

const dc = { serviceName: 'pcc-1', datacenterId: 886 };

describe('VmPageTabs', () => {
  it('links a VM’s Graphs and Processes, marks the page shown, and keeps the reader’s preferences', async () => {
    const { user, router } = renderWithProviders(<VmPageTabs dc={dc} vmId={1254} />, {
      path: '/dc/:serviceName/:datacenterId/vms/:id/:page',
      url: '/dc/pcc-1/886/vms/1254/graphs?period=week&theme=dark',
    });
    const tabs = screen.getByRole('navigation', { name: 'VM pages' });
    const graphs = within(tabs).getByRole('link', { name: 'Graphs' });
    const processes = within(tabs).getByRole('link', { name: 'Processes' });
    expect(graphs).toHaveAttribute('aria-current', 'page');
    expect(processes).not.toHaveAttribute('aria-current');
    expect(processes).toHaveAttribute('href', '/dc/pcc-1/886/vms/1254/processes?theme=dark');

    await user.click(processes);
    expect(router.state.location.pathname).toBe('/dc/pcc-1/886/vms/1254/processes');
    expect(within(tabs).getByRole('link', { name: 'Processes' })).toHaveAttribute('aria-current', 'page');
  });
});
