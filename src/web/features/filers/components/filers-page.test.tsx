import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { FilerRow } from '@/shared/api/inventory';
import { withTableViewport } from '@/web/components/data-table/test-viewport';
import { renderInventoryPage, rowOf, serveList } from '@/web/testing/inventory-pages';
import { FilersPage } from './filers-page';

withTableViewport();

function filer(filerId: number, used: number, global = false): FilerRow {
  return {
    activeNode: 'master',
    billingType: 'monthly',
    connectionState: 'online',
    filerId,
    fullProfile: '1.6 TB',
    isManagedByOvh: false,
    master: `nfs-${filerId}a.pcc.ovh.net`,
    name: `pcc-${String(filerId).padStart(6, '0')}`,
    profile: '1600g',
    resourceName: null,
    size: { unit: 'GB', value: 1600 },
    slave: null,
    spaceFree: 1600 - used,
    spaceProvisionned: 2000,
    spaceUsed: used,
    state: 'delivered',
    vmTotal: 7,
    global,
    usedPercent: (used / 1600) * 100,
    provisionedPercent: 125,
  };
}

function renderPage(filers: FilerRow[], query = '') {
  serveList('filers', filers);
  return renderInventoryPage(<FilersPage />, 'filers', query);
}

/** The cell of `name`'s row under the column headed `header`. */
function cellOf(name: string, header: string): HTMLElement {
  const headers = within(screen.getByRole('table')).getAllByRole('columnheader');
  const column = headers.findIndex((th) => within(th).queryByTitle(header) !== null);
  return within(rowOf(name)).getAllByRole('cell')[column]!;
}

describe('FilersPage', () => {
  it('judges how full each filer is (85% warning, 95% critical) and shows its space', async () => {
    renderPage([filer(1, 1536), filer(2, 1400), filer(3, 800)]);
    await screen.findByRole('link', { name: 'pcc-000001' });
    expect(
      within(rowOf('pcc-000001')).getByRole('img', { name: 'Critical' }).parentElement,
    ).toHaveTextContent('96%');
    expect(within(rowOf('pcc-000002')).getByRole('img', { name: 'Warning' }).parentElement).toHaveTextContent(
      '87.5%',
    );
    const calm = within(rowOf('pcc-000003'));
    expect(calm.queryByRole('img')).not.toBeInTheDocument();
    expect(cellOf('pcc-000003', 'Size')).toHaveTextContent(/^1\.6 TB$/);
    expect(cellOf('pcc-000003', 'Used')).toHaveTextContent(/^800 GB$/);
    expect(cellOf('pcc-000003', 'Free')).toHaveTextContent(/^800 GB$/);
    expect(cellOf('pcc-000003', 'Provisioned')).toHaveTextContent(/^2 TB \(125%\)$/);
  });

  it('tells global filers from the datacenter’s own, and filters on it', async () => {
    const { user, router } = renderPage([filer(1, 100), filer(9002, 100, true)]);
    await screen.findByRole('link', { name: 'pcc-009002' });
    expect(within(rowOf('pcc-009002')).getByText('Global')).toBeInTheDocument();
    expect(within(rowOf('pcc-000001')).getByText('Datacenter')).toBeInTheDocument();
    await user.click(screen.getByText('Scope:'));
    await user.click(screen.getByRole('checkbox', { name: /Global/ }));
    expect(screen.queryByRole('link', { name: 'pcc-000001' })).not.toBeInTheDocument();
    await vi.waitFor(() => expect(router.state.location.search).toBe('?scope=global'));
  });

  it('links each filer to its Graphs', async () => {
    renderPage([filer(456, 100)], '?lang=en');
    expect(await screen.findByRole('link', { name: 'pcc-000456' })).toHaveAttribute(
      'href',
      '/dc/pcc-1/886/filers/456/graphs?lang=en',
    );
  });
});
