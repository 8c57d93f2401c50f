import { screen, within } from '@testing-library/react';
import { useMemo, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/web/testing/render';
import type { DataColumn } from './columns';
import { ROW_HEIGHT } from './data-row';
import { DataTable, type DataTableProps } from './data-table';
import { withTableViewport } from './test-viewport';

const VIEWPORT = 600;
withTableViewport(VIEWPORT);

interface Machine {
  id: number;
  name: string;
  power: 'poweredOn' | 'poweredOff' | 'suspended';
  cpu: number | null;
}

const columns: DataColumn<Machine>[] = [
  { id: 'name', header: 'Name', type: 'text', width: 10, value: (m) => m.name, searchable: true },
  {
    id: 'power',
    header: 'Power',
    type: 'enum',
    width: 8,
    value: (m) => m.power,
    optionLabel: (v) => ({ poweredOn: 'On', poweredOff: 'Off', suspended: 'Suspended' })[v] ?? v,
  },
  { id: 'cpu', header: 'CPU', unit: '%', type: 'number', width: 6, value: (m) => m.cpu },
];

const machines: Machine[] = [
  { id: 1, name: 'web-02', power: 'poweredOn', cpu: 40 },
  { id: 2, name: 'db-01', power: 'poweredOn', cpu: 91 },
  { id: 3, name: 'web-10', power: 'poweredOff', cpu: null },
  { id: 4, name: 'cache-01', power: 'suspended', cpu: 5 },
];

const tableTexts = {
  getRowId: (m: Machine) => String(m.id),
  label: 'Machines',
  countLabel: (count: number) => `${count} machines`,
  emptyText: 'No machines here.',
  noMatchText: 'No machines match.',
  exportName: 'pcc-1-886-machines',
};

function renderTable(url = '/t', props: Partial<DataTableProps<Machine>> = {}) {
  return renderWithProviders(<DataTable rows={machines} columns={columns} {...tableTexts} {...props} />, {
    url,
    path: '/t',
  });
}

/** The text of the first cell of each rendered data row. */
function names(): string[] {
  const table = screen.getByRole('table', { name: 'Machines' });
  return within(table)
    .getAllByRole('row')
    .filter((row) => row.hasAttribute('data-row-id'))
    .map((row) => within(row).getAllByRole('cell')[0]!.textContent ?? '');
}

describe('DataTable', () => {
  it('sorts by a header on click, high first for numbers, missing values last, and keeps it in the URL', async () => {
    const { user, router } = renderTable('/t?theme=dark');
    expect(names()).toEqual(['web-02', 'db-01', 'web-10', 'cache-01']);

    const cpu = screen.getByRole('button', { name: 'CPU' });
    await user.click(cpu);
    expect(names()).toEqual(['db-01', 'web-02', 'cache-01', 'web-10']);
    expect(screen.getByRole('columnheader', { name: /CPU/ })).toHaveAttribute('aria-sort', 'descending');
    await vi.waitFor(() => expect(router.state.location.search).toBe('?theme=dark&sort=-cpu'));

    await user.click(cpu);
    expect(names()).toEqual(['cache-01', 'web-02', 'db-01', 'web-10']);
    await vi.waitFor(() => expect(router.state.location.search).toBe('?theme=dark&sort=cpu'));
  });

  it('adds a column to the sort on shift-click, numbering the sorts in the headers', async () => {
    const { user, router } = renderTable('/t?sort=power');
    await user.keyboard('{Shift>}');
    await user.click(screen.getByRole('button', { name: 'CPU' }));
    await user.keyboard('{/Shift}');
    // Off before On before Suspended, and among the two that are on, the busier first.
    expect(names()).toEqual(['web-10', 'db-01', 'web-02', 'cache-01']);
    expect(screen.getByRole('button', { name: /^Power/ })).toHaveTextContent('Power ▲1');
    expect(screen.getByRole('button', { name: /^CPU/ })).toHaveTextContent('CPU ▼2');
    await vi.waitFor(() => expect(router.state.location.search).toBe('?sort=power%2C-cpu'));
  });

  it('keeps an expanded row’s details under it through a sort, and lays out the rest as before', async () => {
    const { user } = renderTable('/t', {
      detail: { render: (m) => <p>Details of {m.name}</p>, toggleLabel: (m) => `Details of ${m.name}` },
    });
    await user.click(screen.getByRole('button', { name: 'Details of web-02' }));
    await user.click(screen.getByRole('button', { name: 'CPU' }));

    // Each data row by its name, each details row by its text, in the order on screen.
    const shown = () =>
      within(screen.getByRole('table', { name: 'Machines' }))
        .getAllByRole('row')
        .filter((row) => !row.classList.contains('spacer'))
        .slice(1)
        .map((row) =>
          row.classList.contains('detail-row')
            ? row.textContent
            : within(row).getAllByRole('cell')[1]!.textContent,
        );
    expect(shown()).toEqual(['db-01', 'web-02', 'Details of web-02', 'cache-01', 'web-10']);

    await user.click(screen.getByRole('button', { name: 'Details of web-02' }));
    expect(shown()).toEqual(['db-01', 'web-02', 'cache-01', 'web-10']);
  });

  it('sorts text naturally from the keyboard', async () => {
    const { user, router } = renderTable();
    screen.getByRole('button', { name: 'Name' }).focus();
    await user.keyboard('{Enter}');
    expect(names()).toEqual(['cache-01', 'db-01', 'web-02', 'web-10']);
    expect(screen.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'ascending');
    await vi.waitFor(() => expect(router.state.location.search).toBe('?sort=name'));
  });

  it('filters by text, counts what is shown, and keeps the filter in the URL', async () => {
    const { user, router } = renderTable();
    expect(screen.getByRole('status')).toHaveTextContent(/^4 machines$/);
    await user.type(screen.getByRole('searchbox', { name: 'Filter rows' }), 'WEB');
    expect(names()).toEqual(['web-02', 'web-10']);
    expect(screen.getByRole('status')).toHaveTextContent('4 machines · 2 shown');
    await vi.waitFor(() => expect(router.state.location.search).toBe('?q=WEB'));
  });

  it('filters a state column by the values present', async () => {
    const { user, router } = renderTable();
    await user.click(screen.getByText('Power:'));
    const options = within(screen.getByRole('group', { name: 'Power' })).getAllByRole('checkbox');
    expect(options.map((o) => o.parentElement?.textContent)).toEqual([
      ' Off (1)',
      ' On (2)',
      ' Suspended (1)',
    ]);
    await user.click(screen.getByRole('checkbox', { name: /Off/ }));
    await user.click(screen.getByRole('checkbox', { name: /Suspended/ }));
    expect(names()).toEqual(['web-10', 'cache-01']);
    await vi.waitFor(() => expect(router.state.location.search).toBe('?power=poweredOff%2Csuspended'));
    await user.click(screen.getByRole('button', { name: 'Show all' }));
    expect(names()).toHaveLength(4);
  });

  it('opens with the sort and filters of its URL, as after a refresh or from a shared link', () => {
    renderTable('/t?sort=-cpu&power=poweredOn&q=0');
    expect(names()).toEqual(['db-01', 'web-02']);
    expect(screen.getByRole('searchbox')).toHaveValue('0');
    expect(screen.getByText('Power:').parentElement).toHaveTextContent('Power: On');
  });

  it('reads the values again when the columns change under the same rows, as when another answer arrives', async () => {
    function WithOwners() {
      const [owners, setOwners] = useState<Record<number, string>>();
      const withOwner = useMemo<DataColumn<Machine>[]>(
        () => [
          ...columns,
          { id: 'owner', header: 'Owner', type: 'enum', width: 6, value: (m) => owners?.[m.id] ?? 'unknown' },
        ],
        [owners],
      );
      return (
        <>
          <button onClick={() => setOwners({ 1: 'ops', 2: 'dba', 3: 'ops', 4: 'dev' })}>Load owners</button>
          <DataTable rows={machines} columns={withOwner} {...tableTexts} />
        </>
      );
    }
    const { user } = renderWithProviders(<WithOwners />, { url: '/t?owner=ops', path: '/t' });
    expect(screen.getByText('No machines match.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load owners' }));
    expect(names()).toEqual(['web-02', 'web-10']);
    await user.click(screen.getByText('Owner:'));
    const options = within(screen.getByRole('group', { name: 'Owner' })).getAllByRole('checkbox');
    expect(options.map((o) => o.parentElement?.textContent)).toEqual([' dba (1)', ' dev (1)', ' ops (2)']);
  });

  it('says when nothing matches, and clears the filters on request', async () => {
    const { user, router } = renderTable('/t?q=nothing&theme=dark');
    expect(screen.getByText('No machines match.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(names()).toHaveLength(4);
    await vi.waitFor(() => expect(router.state.location.search).toBe('?theme=dark'));
  });

  it('says when there is nothing at all, differently from "no match"', () => {
    renderTable('/t', { rows: [] });
    expect(screen.getByText('No machines here.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('renders only a window of 10 000 rows', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({
      id: i,
      name: `vm-${i}`,
      power: 'poweredOn' as const,
      cpu: i % 100,
    }));
    renderTable('/t?sort=-cpu', { rows: many });
    const table = screen.getByRole('table', { name: 'Machines' });
    expect(table).toHaveAttribute('aria-rowcount', '10001');
    const rendered = names();
    // One screenful plus a few rows either side, never the 10 000.
    expect(rendered.length).toBeGreaterThanOrEqual(VIEWPORT / ROW_HEIGHT);
    expect(rendered.length).toBeLessThan(VIEWPORT / ROW_HEIGHT + 20);
    expect(rendered.slice(0, 3)).toEqual(['vm-99', 'vm-199', 'vm-299']);
    expect(screen.getByRole('status')).toHaveTextContent('10000 machines');
  });

  it('dims rows that belong to another datacenter while the right ones load', () => {
    const frame = () => screen.getByRole('region', { name: 'Machines' }).closest('.data-table-frame');
    const { unmount } = renderTable('/t');
    expect(frame()).not.toHaveClass('is-placeholder');
    unmount();

    renderTable('/t', { placeholder: true });
    // The rows stay on screen, in a frame that fades them and tells assistive technology they are on their way.
    expect(names()).toEqual(['web-02', 'db-01', 'web-10', 'cache-01']);
    expect(frame()).toHaveClass('is-placeholder');
    expect(frame()).toHaveAttribute('aria-busy', 'true');
  });

  it('exports the current view as CSV', async () => {
    let blob: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blob = b as Blob;
      return 'blob:csv';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      expect(this.download).toMatch(/^pcc-1-886-machines-\d{4}-\d{2}-\d{2}\.csv$/);
    });
    const { user } = renderTable('/t?sort=-cpu&power=poweredOn');
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(click).toHaveBeenCalledOnce();
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.readAsText(blob!);
    });
    expect(text.replace('\uFEFF', '').split('\r\n')).toEqual([
      'Name,Power,CPU (%)',
      'db-01,poweredOn,91',
      'web-02,poweredOn,40',
    ]);
  });
});
