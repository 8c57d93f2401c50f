import { act, render, screen } from '@testing-library/react';
import { createMemoryRouter, Link } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppRouterProvider } from '@/web/app/app-router-provider';
import {
  readTableState,
  URL_WRITE_DELAY_MS,
  useTableUrlState,
  writeTableState,
  type TableState,
} from './table-url-state';

const columns = [
  { id: 'name', type: 'text' },
  { id: 'cpu', type: 'number' },
  { id: 'power', type: 'enum' },
  { id: 'network', type: 'number', sortable: false },
] as const;

describe('table state in the URL', () => {
  it('reads sort, text filter and state filters', () => {
    const state = readTableState(
      new URLSearchParams('sort=-cpu,name&q=web&power=poweredOn,suspended'),
      columns,
    );
    expect(state).toEqual({
      sorting: [
        { id: 'cpu', desc: true },
        { id: 'name', desc: false },
      ],
      filters: [{ id: 'power', value: ['poweredOn', 'suspended'] }],
      query: 'web',
    });
  });

  it('ignores columns it does not know, columns that cannot sort, and repeats', () => {
    const state = readTableState(new URLSearchParams('sort=-bogus,network,cpu,-cpu&name=x&power='), columns);
    expect(state.sorting).toEqual([{ id: 'cpu', desc: false }]);
    expect(state.filters).toEqual([]);
  });

  it('writes its own parameters and keeps every other one', () => {
    const next = writeTableState(
      new URLSearchParams('theme=dark&kiosk=1&power=poweredOff&q=old'),
      { sorting: [{ id: 'cpu', desc: true }], filters: [{ id: 'power', value: ['deleted'] }], query: '' },
      columns,
    );
    expect(next.toString()).toBe('theme=dark&kiosk=1&sort=-cpu&power=deleted');
  });

  it('round-trips', () => {
    const state = {
      sorting: [{ id: 'name', desc: false }],
      filters: [{ id: 'power', value: ['poweredOn'] }],
      query: 'db prod',
    };
    expect(readTableState(writeTableState(new URLSearchParams(), state, columns), columns)).toEqual(state);
  });
});

describe('useTableUrlState', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const instant = () => Promise.resolve(null);

  /** A table at `url`, its state and changer kept in `table`, and every URL the router goes to. `tableLoader`
   * runs on each navigation to the table's route, its own URL writes included. */
  function renderTable(url: string, slowLoader = instant, tableLoader?: () => Promise<null>) {
    const table = {} as { state: TableState; change: (change: Partial<TableState>) => void };
    function Probe() {
      [table.state, table.change] = useTableUrlState(columns);
      return null;
    }
    const router = createMemoryRouter(
      [
        { path: '/t', element: <Probe />, loader: tableLoader },
        { path: '/elsewhere', element: null },
        { path: '/slow', element: null, loader: slowLoader },
      ],
      { initialEntries: [url] },
    );
    const visited: string[] = [];
    router.subscribe((state) => visited.push(state.location.pathname + state.location.search));
    render(<AppRouterProvider router={router} />);
    const wait = (ms: number) => act(() => vi.advanceTimersByTime(ms));
    return { table, router, visited, wait };
  }

  it('shows a change at once and writes a word typed letter by letter to the URL once, after the pause', async () => {
    const { table, visited, wait } = renderTable('/t?theme=dark');
    for (const query of ['w', 'we', 'web']) {
      act(() => table.change({ query }));
      expect(table.state.query).toBe(query);
      await wait(URL_WRITE_DELAY_MS - 10);
    }
    expect(visited).toEqual([]);
    await wait(10);
    expect(visited).toEqual(['/t?theme=dark&q=web']);
    expect(table.state.query).toBe('web');
  });

  it('keeps a change not yet written while another part of the URL changes, then writes it there', async () => {
    const { table, router, wait } = renderTable('/t?theme=dark');
    act(() => table.change({ sorting: [{ id: 'cpu', desc: true }] }));
    await act(() => router.navigate('/t?theme=light', { replace: true }));
    expect(table.state.sorting).toEqual([{ id: 'cpu', desc: true }]);
    await wait(URL_WRITE_DELAY_MS);
    expect(router.state.location.search).toBe('?theme=light&sort=-cpu');
  });

  it('keeps a keystroke made while the previous one is being written, then writes it too', async () => {
    let land = instant;
    const { table, router, wait } = renderTable('/t', instant, () => land());
    await act(() => Promise.resolve());
    act(() => table.change({ query: 'w' }));
    let arrive!: () => void;
    land = () => new Promise((resolve) => (arrive = () => resolve(null)));
    await wait(URL_WRITE_DELAY_MS);
    expect(router.state.navigation.location?.search).toBe('?q=w');

    act(() => table.change({ query: 'we' }));
    land = instant;
    await act(() => Promise.resolve(arrive()));
    expect(router.state.location.search).toBe('?q=w');
    expect(table.state.query).toBe('we');
    await wait(URL_WRITE_DELAY_MS);
    expect(router.state.location.search).toBe('?q=we');
  });

  it('follows the URL when it changes the table and no change is waiting (back, a link)', async () => {
    const { table, router } = renderTable('/t?sort=cpu');
    await act(() => router.navigate('/t?sort=-name&power=suspended'));
    expect(table.state.sorting).toEqual([{ id: 'name', desc: true }]);
    expect(table.state.filters).toEqual([{ id: 'power', value: ['suspended'] }]);
  });

  it('keeps the state object when its own write lands, so the rows are not sorted again', async () => {
    const { table, router, wait } = renderTable('/t');
    act(() => table.change({ sorting: [{ id: 'cpu', desc: true }] }));
    const before = table.state;
    await wait(URL_WRITE_DELAY_MS);
    expect(router.state.location.search).toBe('?sort=-cpu');
    expect(table.state).toBe(before);
  });

  it('drops a change not yet written when the table goes away, leaving the next page’s URL alone', async () => {
    const { table, router, wait } = renderTable('/t');
    act(() => table.change({ query: 'db' }));
    await act(() => router.navigate('/elsewhere?theme=dark'));
    await wait(URL_WRITE_DELAY_MS);
    expect(router.state.location.pathname + router.state.location.search).toBe('/elsewhere?theme=dark');
  });

  it('does not cancel a navigation under way when its write comes due, and drops it once the page is left', async () => {
    let arrive!: () => void;
    const { table, router, wait } = renderTable(
      '/t',
      () => new Promise((resolve) => (arrive = () => resolve(null))),
    );
    act(() => table.change({ query: 'db' }));
    act(() => void router.navigate('/slow'));
    await wait(URL_WRITE_DELAY_MS * 3);
    expect(router.state.navigation.state).toBe('loading');
    expect(router.state.navigation.location?.pathname).toBe('/slow');

    await act(() => Promise.resolve(arrive()));
    await wait(URL_WRITE_DELAY_MS * 3);
    expect(router.state.location.pathname + router.state.location.search).toBe('/slow');
  });
});

describe('useTableUrlState under the app’s router, on a page that renders slowly', () => {
  // Real timers and no act(): the race is between the write's timer and React rendering the click's navigation,
  // as it happens in a browser on a slow machine. The page takes longer to render than the write's delay, in
  // pieces a yielding (transition) render would let the timer in between.
  const PIECES = 40;
  const PIECE_MS = 5;
  function SlowPiece() {
    const until = performance.now() + PIECE_MS;
    while (performance.now() < until);
    return null;
  }
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  let actEnvironment: unknown;
  beforeEach(() => {
    actEnvironment = (globalThis as { IS_REACT_ACT_ENVIRONMENT?: unknown }).IS_REACT_ACT_ENVIRONMENT;
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: unknown }).IS_REACT_ACT_ENVIRONMENT = false;
  });
  afterEach(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: unknown }).IS_REACT_ACT_ENVIRONMENT = actEnvironment;
  });

  it('does not cancel a link clicked just before its write comes due', async () => {
    const table = {} as { change: (change: Partial<TableState>) => void };
    function Page() {
      [, table.change] = useTableUrlState(columns);
      return (
        <>
          <Link to="/slow">Away</Link>
          {Array.from({ length: PIECES }, (_, i) => (
            <SlowPiece key={i} />
          ))}
        </>
      );
    }
    const router = createMemoryRouter(
      [
        { path: '/t', element: <Page /> },
        { path: '/slow', element: null, loader: () => new Promise<null>(() => undefined) },
      ],
      { initialEntries: ['/t'] },
    );
    render(<AppRouterProvider router={router} />);
    await vi.waitFor(() => expect(table.change).toBeTypeOf('function'));

    table.change({ query: 'db' });
    await pause(URL_WRITE_DELAY_MS / 2 + PIECES * PIECE_MS);
    screen.getByRole('link', { name: 'Away' }).click();
    await pause(URL_WRITE_DELAY_MS + 2 * PIECES * PIECE_MS);

    expect(router.state.navigation.location?.pathname).toBe('/slow');
    expect(router.state.location.search).toBe('');
  });
});
