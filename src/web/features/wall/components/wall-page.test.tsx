import { act, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { server } from '@/web/testing/msw-server';
import { renderWithProviders } from '@/web/testing/render';
import {
  adminSession,
  displaySession,
  inventoryHandlers,
  POLL_MS,
  servicesHandler,
  unauthenticated,
  type Inventory,
} from '../testing/wall-fixtures';
import { WallPage } from './wall-page';

function renderWall(url: string) {
  return renderWithProviders(<WallPage />, { url, path: '/wall' });
}

/** Answers the exchange and records each body: `{ token }` from the link, or nothing from the cookie. */
function exchangeHandler(answer: () => Response) {
  const bodies: unknown[] = [];
  server.use(
    http.post('/api/display-session', async ({ request }) => {
      const text = await request.text();
      bodies.push(text === '' ? undefined : JSON.parse(text));
      return answer();
    }),
  );
  return bodies;
}

const revoked = () =>
  HttpResponse.json(
    { error: { code: 'display_revoked', message: 'Display "NOC screen" was revoked by an administrator.' } },
    { status: 401 },
  );

const sessionAs = (body: object) => http.get('/api/session', () => HttpResponse.json(body));

async function advance(ms: number) {
  await act(() => vi.advanceTimersByTimeAsync(ms));
}

const datacenterHeading = (name: RegExp) => screen.findByRole('heading', { level: 1, name });
const hostsPanel = () => screen.findByRole('region', { name: 'Hosts' });

let inventory: Inventory;

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  inventory = { hostCpu: 35, hostName: '172.17.86.51' };
  server.use(servicesHandler(), ...inventoryHandlers(inventory), sessionAs(displaySession()));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('WallPage with a display token', () => {
  it('trades the token from the link for a session and drops it from the address', async () => {
    const bodies = exchangeHandler(() => HttpResponse.json(displaySession()));
    const { router } = renderWall('/wall#token=secret-token');

    expect(await datacenterHeading(/Paris-A/)).toBeInTheDocument();
    expect(bodies).toEqual([{ token: 'secret-token' }]);
    expect(router.state.location.hash).toBe('');
    expect(router.state.historyAction).toBe('REPLACE');
    expect(router.state.location.search).not.toContain('secret-token');
    // The display's configuration applies where the URL says nothing: dark theme, UTC.
    const params = new URLSearchParams(router.state.location.search);
    expect([params.get('theme'), params.get('tz')]).toEqual(['dark', 'utc']);
  });

  it('shows that the display was revoked, with no data and no login form', async () => {
    exchangeHandler(revoked);
    renderWall('/wall#token=old-token');

    expect(await screen.findByRole('heading', { name: 'This display has been revoked' })).toBeInTheDocument();
    expect(screen.queryByText(/Paris-A/)).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(document.querySelector('input[type="password"]')).toBeNull();
  });
});

describe('WallPage when the session ends', () => {
  it('re-exchanges from the display cookie when it opens without a session', async () => {
    let signedIn = false;
    server.use(
      http.get('/api/session', () => (signedIn ? HttpResponse.json(displaySession()) : unauthenticated())),
    );
    const bodies = exchangeHandler(() => {
      signedIn = true;
      return HttpResponse.json(displaySession());
    });
    renderWall('/wall');

    expect(await datacenterHeading(/Paris-A/)).toBeInTheDocument();
    expect(bodies).toEqual([undefined]);
  });

  it('re-exchanges on a 401 during polling and retries the request', async () => {
    renderWall('/wall');
    expect(await within(await hostsPanel()).findByText('172.17.86.51')).toBeInTheDocument();

    let lapsed = true;
    server.use(
      http.get('/api/services/:sn/datacenters/:dc/hosts', () => (lapsed ? unauthenticated() : undefined)),
      http.get('/api/session', () => (lapsed ? unauthenticated() : HttpResponse.json(displaySession()))),
    );
    const bodies = exchangeHandler(() => {
      lapsed = false;
      return HttpResponse.json(displaySession());
    });
    inventory.hostName = '172.17.86.99';
    await advance(POLL_MS);

    expect(await within(await hostsPanel()).findByText('172.17.86.99')).toBeInTheDocument();
    expect(bodies).toEqual([undefined]);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('stops showing data within one poll of the display being revoked, and stays so', async () => {
    renderWall('/wall');
    expect(await within(await hostsPanel()).findByText('172.17.86.51')).toBeInTheDocument();

    server.use(
      http.get('/api/services/:sn/datacenters/:dc/:part', () => unauthenticated()),
      http.get('/api/services', () => unauthenticated()),
      http.get('/api/session', () => unauthenticated()),
    );
    exchangeHandler(revoked);
    await advance(POLL_MS);

    expect(await screen.findByRole('heading', { name: 'This display has been revoked' })).toBeInTheDocument();
    expect(screen.queryByText('172.17.86.51')).not.toBeInTheDocument();

    // The server has dropped the display cookie by now; the wall must not ask again and lose the message.
    exchangeHandler(() =>
      HttpResponse.json({ error: { code: 'invalid_credentials', message: 'No token.' } }, { status: 401 }),
    );
    await advance(3 * POLL_MS);
    expect(screen.getByRole('heading', { name: 'This display has been revoked' })).toBeInTheDocument();
  });
});

describe('WallPage for a signed-in user', () => {
  beforeEach(() => {
    server.use(sessionAs(adminSession));
  });

  it('moves to the next datacenter after the configured duration', async () => {
    renderWall('/wall?dc=pcc-1:886,pcc-1:887&rotate=60s');
    expect(await datacenterHeading(/Paris-A/)).toBeInTheDocument();

    await advance(50_000);
    expect(screen.getByRole('heading', { level: 1, name: /Paris-A/ })).toBeInTheDocument();
    await advance(10_000);
    expect(await datacenterHeading(/Paris-B/)).toBeInTheDocument();
    await advance(60_000);
    expect(await datacenterHeading(/Paris-A/)).toBeInTheDocument();
  });

  it('keeps the data with an amber stale banner when polls fail, red after three intervals, gone on recovery', async () => {
    renderWall('/wall?dc=pcc-1:886');
    expect(await within(await hostsPanel()).findByText('172.17.86.51')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    server.use(
      http.get('/api/services/:sn/datacenters/:dc/:part', () =>
        HttpResponse.json(
          { error: { code: 'upstream_unavailable', message: 'The server is restarting.' } },
          { status: 503 },
        ),
      ),
    );
    await advance(POLL_MS);
    const amber = await screen.findByRole('alert');
    expect(amber).toHaveClass('stale-amber');
    expect(amber).toHaveTextContent(/Stale since/);
    expect(amber).toHaveTextContent('The server is restarting.');
    expect(screen.getByText('172.17.86.51')).toBeInTheDocument();

    await advance(2 * POLL_MS);
    expect(await screen.findByRole('alert')).toHaveClass('stale-red');
    expect(screen.getByText('172.17.86.51')).toBeInTheDocument();

    server.use(...inventoryHandlers(inventory));
    await advance(POLL_MS);
    await vi.waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
  });

  it('colours a breach and drops the colour when the value recovers', async () => {
    inventory.hostCpu = 95;
    renderWall('/wall?dc=pcc-1:886');
    const strip = await screen.findByRole('region', { name: /1 alert/ });
    expect(within(strip).getByText('172.17.86.51')).toBeInTheDocument();
    expect(
      within(await hostsPanel())
        .getByText('95%')
        .closest('figure'),
    ).toHaveClass('gauge-critical');

    inventory.hostCpu = 45;
    await advance(POLL_MS);
    expect(await screen.findByText('✓ No threshold breached')).toBeInTheDocument();
    expect(
      within(await hostsPanel())
        .getByText('45%')
        .closest('figure'),
    ).toHaveClass('gauge-ok');
  });

  it('shows the controls on Esc, and pauses and steps the rotation from them', async () => {
    const { user } = renderWall('/wall?dc=pcc-1:886,pcc-1:887&rotate=30s');
    await datacenterHeading(/Paris-A/);
    expect(screen.queryByRole('toolbar')).not.toBeInTheDocument();

    await user.keyboard('{Escape}');
    const toolbar = screen.getByRole('toolbar', { name: 'Wall controls' });
    await user.click(within(toolbar).getByRole('button', { name: 'Pause' }));
    await advance(90_000);
    expect(screen.getByRole('heading', { level: 1, name: /Paris-A/ })).toBeInTheDocument();

    await user.click(within(toolbar).getByRole('button', { name: /Next/ }));
    expect(await datacenterHeading(/Paris-B/)).toBeInTheDocument();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('toolbar')).not.toBeInTheDocument();
  });

  it('ignores Esc when the kiosk is locked', async () => {
    // The same key on the same screen unlocked brings the controls up: locked, only the lock keeps them away.
    const unlocked = renderWall('/wall?dc=pcc-1:886');
    await datacenterHeading(/Paris-A/);
    await unlocked.user.keyboard('{Escape}');
    expect(screen.getByRole('toolbar', { name: 'Wall controls' })).toBeInTheDocument();
    unlocked.unmount();

    const { user } = renderWall('/wall?dc=pcc-1:886&kiosk=locked');
    await datacenterHeading(/Paris-A/);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('toolbar')).not.toBeInTheDocument();
  });
});
