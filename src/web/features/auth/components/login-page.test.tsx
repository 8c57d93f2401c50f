import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '@/web/testing/msw-server';
import { renderWithProviders } from '@/web/testing/render';
import { LoginPage } from './login-page';

describe('LoginPage', () => {
  it('offers a dashboard account or vSphere, and signs in with the one chosen', async () => {
    let sent: unknown;
    server.use(
      http.post('/api/session', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ error: 'invalid credentials' }, { status: 401 });
      }),
    );
    const { user } = renderWithProviders(<LoginPage />, { path: '/login', url: '/login' });
    const local = screen.getByRole('radio', { name: 'Dashboard account' });
    const vsphere = screen.getByRole('radio', { name: 'vSphere (PCC user)' });
    expect(local).toBeChecked();
    expect(vsphere).not.toBeChecked();

    await user.click(vsphere);
    expect(vsphere).toBeChecked();
    expect(local).not.toBeChecked();
    await user.type(screen.getByLabelText('Username'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'secret');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByRole('alert');
    expect(sent).toEqual({ username: 'alice', password: 'secret', provider: 'vsphere' });
  });
});
