import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { WALL_DEFAULTS, type CreateDisplayRequest, type Display } from '@/shared/api/displays';
import { server } from '@/web/testing/msw-server';
import { renderWithProviders } from '@/web/testing/render';
import { scopeServices } from '@/web/testing/scope-services';
import { DisplaysPage } from './displays-page';

function display(fields: Partial<Display>): Display {
  return {
    id: 'd1',
    name: 'Lobby',
    scope: [{ serviceName: 'pcc-1', datacenterId: 886 }],
    wall: { ...WALL_DEFAULTS, pages: ['overview'] },
    createdAt: 0,
    createdBy: 'admin',
    lastSeenAt: null,
    revoked: false,
    revokedAt: null,
    ...fields,
  };
}

/** A server holding displays in memory, recording what the page sent it. */
function displaysServer(initial: Display[]) {
  let items = [...initial];
  const created: CreateDisplayRequest[] = [];
  server.use(
    http.get('/api/services', () => HttpResponse.json(scopeServices)),
    http.get('/api/displays', () => HttpResponse.json({ items })),
    http.post('/api/displays', async ({ request }) => {
      const body = (await request.json()) as CreateDisplayRequest;
      created.push(body);
      const made = display({ id: 'd2', name: body.name, scope: body.scope });
      items = [...items, made];
      return HttpResponse.json(
        { display: made, token: 'tok-123', link: '/wall#token=tok-123' },
        { status: 201 },
      );
    }),
    http.delete('/api/displays/:id', ({ params }) => {
      items = items.map((d) => (d.id === params.id ? { ...d, revoked: true, revokedAt: Date.now() } : d));
      return HttpResponse.json({ display: items.find((d) => d.id === params.id) });
    }),
  );
  return { created };
}

describe('DisplaysPage', () => {
  it('creates a display and shows its link once', async () => {
    const { created } = displaysServer([]);
    const { user } = renderWithProviders(<DisplaysPage />, {
      url: '/admin/displays',
      path: '/admin/displays',
    });

    await user.click(await screen.findByRole('button', { name: 'New display' }));
    const form = screen.getByRole('region', { name: 'New display' });
    await user.type(within(form).getByLabelText('Name'), 'NOC left');
    await user.click(within(form).getByLabelText('Paris-B'));
    await user.clear(within(form).getByLabelText('Seconds per page'));
    await user.type(within(form).getByLabelText('Seconds per page'), '30');
    await user.click(within(form).getByLabelText(/Locked/));
    await user.click(within(form).getByRole('button', { name: 'Create display' }));

    const notice = await screen.findByRole('region', { name: 'Link for “NOC left”' });
    expect(within(notice).getByLabelText('Display link')).toHaveValue(
      `${window.location.origin}/wall#token=tok-123`,
    );
    expect(within(notice).getByRole('alert')).toHaveTextContent(/shown only once/);
    await user.click(within(notice).getByRole('button', { name: 'Copy link' }));
    expect(await within(notice).findByText(/Copied/)).toBeInTheDocument();
    expect(created).toEqual([
      {
        name: 'NOC left',
        scope: [{ serviceName: 'pcc-1', datacenterId: 887 }],
        wall: { ...WALL_DEFAULTS, pages: ['overview'], rotateSeconds: 30, locked: true },
      },
    ]);
    expect(await screen.findByRole('rowheader', { name: 'NOC left' })).toBeInTheDocument();

    await user.click(within(notice).getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByText(/tok-123/)).not.toBeInTheDocument();
    expect(screen.queryByDisplayValue(/tok-123/)).not.toBeInTheDocument();
  });

  it('refuses to create a display without a datacenter, and shows why', async () => {
    const { created } = displaysServer([]);
    const { user } = renderWithProviders(<DisplaysPage />);
    await user.click(await screen.findByRole('button', { name: 'New display' }));
    await user.type(screen.getByLabelText('Name'), 'Nowhere');
    await user.click(screen.getByRole('button', { name: 'Create display' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose at least one datacenter.');
    expect(created).toEqual([]);
  });

  it('checks the wall settings with the shared schema and says what is wrong beside the field', async () => {
    const { created } = displaysServer([]);
    const { user } = renderWithProviders(<DisplaysPage />);
    await user.click(await screen.findByRole('button', { name: 'New display' }));
    await user.type(screen.getByLabelText('Name'), 'Flicker');
    await user.click(screen.getByLabelText('Paris-A'));
    const seconds = screen.getByRole('spinbutton', { name: 'Seconds per page' });
    await user.clear(seconds);
    await user.type(seconds, '5');
    const hours = screen.getByRole('spinbutton', { name: 'Full reload every (hours)' });
    await user.clear(hours);
    await user.type(hours, '200');
    await user.click(screen.getByRole('button', { name: 'Create display' }));

    expect(seconds).toHaveAccessibleDescription(/rotateSeconds must be 0 \(no rotation\) or at least 10\./);
    expect(seconds).toBeInvalid();
    expect(hours).toHaveAccessibleDescription(/reloadHours must be at most 168 \(a week\)\./);
    expect(screen.getAllByRole('alert')).toHaveLength(2);
    expect(created).toEqual([]);

    await user.clear(seconds);
    await user.type(seconds, '0');
    await user.clear(hours);
    await user.type(hours, '0');
    await user.click(screen.getByRole('button', { name: 'Create display' }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]?.wall).toMatchObject({ rotateSeconds: 0, reloadHours: 0 });
  });

  it('shows the server’s reason when a change fails', async () => {
    displaysServer([]);
    server.use(
      http.post('/api/displays', () =>
        HttpResponse.json(
          { error: { code: 'bad_request', message: 'name must be at most 100 characters.' } },
          { status: 400 },
        ),
      ),
    );
    const { user } = renderWithProviders(<DisplaysPage />);
    await user.click(await screen.findByRole('button', { name: 'New display' }));
    await user.type(screen.getByLabelText('Name'), 'Too long');
    await user.click(screen.getByLabelText('Paris-A'));
    await user.click(screen.getByRole('button', { name: 'Create display' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The change was not made: name must be at most 100 characters.',
    );
  });

  it('revokes a display only after confirmation', async () => {
    displaysServer([display({ lastSeenAt: Date.now() })]);
    const { user } = renderWithProviders(<DisplaysPage />);
    const row = (await screen.findByRole('rowheader', { name: 'Lobby' })).closest('tr')!;
    expect(within(row).getByText('Paris-A')).toBeInTheDocument();
    expect(within(row).getByText('Active')).toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: 'Revoke Lobby' }));
    const confirm = screen.getByRole('group', { name: 'Confirm revoking Lobby' });
    expect(confirm).toHaveTextContent(/cannot be undone/);
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
    expect(within(row).getByText('Active')).toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: 'Revoke Lobby' }));
    await user.click(screen.getByRole('button', { name: 'Revoke display' }));
    expect(await within(row).findByText(/^Revoked/)).toBeInTheDocument();
    expect(within(row).queryByRole('button')).not.toBeInTheDocument();
  });
});
