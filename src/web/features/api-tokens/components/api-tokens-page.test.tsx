import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { ApiToken, CreateApiTokenRequest } from '@/shared/api/api-tokens';
import { server } from '@/web/testing/msw-server';
import { renderWithProviders } from '@/web/testing/render';
import { scopeServices } from '@/web/testing/scope-services';
import { ApiTokensPage } from './api-tokens-page';

function token(fields: Partial<ApiToken>): ApiToken {
  return {
    id: 't1',
    name: 'Reports',
    scope: [{ serviceName: 'pcc-1', datacenterId: 886 }],
    createdAt: 0,
    createdBy: 'admin',
    lastUsedAt: null,
    revoked: false,
    revokedAt: null,
    ...fields,
  };
}

/** A server holding tokens in memory, recording what the page sent it. */
function tokensServer(initial: ApiToken[]) {
  let items = [...initial];
  const created: CreateApiTokenRequest[] = [];
  server.use(
    http.get('/api/services', () => HttpResponse.json(scopeServices)),
    http.get('/api/admin/api-tokens', () => HttpResponse.json({ items })),
    http.post('/api/admin/api-tokens', async ({ request }) => {
      const body = (await request.json()) as CreateApiTokenRequest;
      created.push(body);
      const made = token({ id: 't2', name: body.name, scope: body.scope });
      items = [...items, made];
      return HttpResponse.json({ token: made, secret: 'sec-123' }, { status: 201 });
    }),
    http.delete('/api/admin/api-tokens/:id', ({ params }) => {
      items = items.map((t) => (t.id === params.id ? { ...t, revoked: true, revokedAt: Date.now() } : t));
      return HttpResponse.json({ token: items.find((t) => t.id === params.id) });
    }),
  );
  return { created };
}

describe('ApiTokensPage', () => {
  it('creates a token and shows its secret once', async () => {
    const { created } = tokensServer([]);
    const { user } = renderWithProviders(<ApiTokensPage />);
    expect(await screen.findByText(/No token yet/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'New token' }));
    const form = screen.getByRole('region', { name: 'New token' });
    await user.type(within(form).getByLabelText('Name'), 'Capacity script');
    await user.click(within(form).getByLabelText('Paris-B'));
    await user.click(within(form).getByRole('button', { name: 'Create token' }));

    const notice = await screen.findByRole('region', { name: 'Secret of “Capacity script”' });
    expect(within(notice).getByLabelText('Token secret')).toHaveValue('sec-123');
    expect(within(notice).getByRole('alert')).toHaveTextContent(/shown only once/);
    expect(created).toEqual([
      { name: 'Capacity script', scope: [{ serviceName: 'pcc-1', datacenterId: 887 }] },
    ]);
    const row = (await screen.findByRole('rowheader', { name: 'Capacity script' })).closest('tr')!;
    expect(within(row).getByText('Paris-B')).toBeInTheDocument();
    expect(within(row).getByText('Never')).toBeInTheDocument();

    await user.click(within(notice).getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByDisplayValue('sec-123')).not.toBeInTheDocument();
  });

  it('refuses a token without a datacenter, and says why', async () => {
    const { created } = tokensServer([]);
    const { user } = renderWithProviders(<ApiTokensPage />);
    await user.click(await screen.findByRole('button', { name: 'New token' }));
    await user.type(screen.getByLabelText('Name'), 'Nowhere');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose at least one datacenter.');
    expect(created).toEqual([]);
  });

  it('revokes a token only after confirmation', async () => {
    tokensServer([token({ lastUsedAt: Date.now() })]);
    const { user } = renderWithProviders(<ApiTokensPage />);
    const row = (await screen.findByRole('rowheader', { name: 'Reports' })).closest('tr')!;
    expect(within(row).getByText('Active')).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: 'Revoke Reports' }));
    const confirm = screen.getByRole('group', { name: 'Confirm revoking Reports' });
    expect(confirm).toHaveTextContent(/cannot be undone/);
    await user.click(within(confirm).getByRole('button', { name: 'Revoke token' }));
    await waitFor(() => expect(within(row).getByText(/^Revoked/)).toBeInTheDocument());
    expect(within(row).queryByRole('button')).not.toBeInTheDocument();
  });
});
