import { QueryClientProvider } from '@tanstack/react-query';
import { render, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { unauthenticated } from '@/web/features/wall/testing/wall-fixtures';
import { freshList, listRoute } from '@/web/testing/inventory-pages';
import { server } from '@/web/testing/msw-server';
import { createTestQueryClient } from '@/web/testing/render';
import { scopeServices } from '@/web/testing/scope-services';
import { createMemoryRouter } from 'react-router';
import { AppRouterProvider } from './app-router-provider';
import { routes } from './router';

const adminSession = {
  user: { username: 'admin', role: 'admin', provider: 'local', pccUser: null, serviceName: null },
};

/** The app's routes opened at `url`; its router, to see where they led. */
function openApp(url: string) {
  const queryClient = createTestQueryClient();
  const router = createMemoryRouter(routes(queryClient), { initialEntries: [url] });
  render(
    <QueryClientProvider client={queryClient}>
      <AppRouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

let releaseServices: () => void = () => undefined;
afterEach(() => releaseServices());

describe('a datacenter page opened by its address', () => {
  it('asks for its list beside the services, not once they have answered and the layout has rendered', async () => {
    const requested: string[] = [];
    const services = new Promise<void>((resolve) => (releaseServices = resolve));
    server.use(
      http.get('/api/session', () => HttpResponse.json(adminSession)),
      http.get('/api/services', async () => {
        requested.push('services');
        await services;
        return HttpResponse.json(scopeServices);
      }),
      http.get(listRoute('vms'), ({ params }) => {
        requested.push(`vms of ${String(params.serviceName)}/${String(params.datacenterId)}`);
        return HttpResponse.json(freshList('vms', []));
      }),
    );

    openApp('/dc/pcc-1/887/vms');

    // The services' answer is held back, so the layout cannot render the VMs page: only the route's loader
    // can have asked for the list.
    await waitFor(() => expect(requested).toContain('vms of pcc-1/887'));
    expect(requested).toContain('services');
  });

  it('asks for nothing but the session when there is none, and sends the user to sign in, not "expired"', async () => {
    const requested: string[] = [];
    server.use(
      http.get('/api/session', () => unauthenticated()),
      http.get('/api/services', () => {
        requested.push('services');
        return unauthenticated();
      }),
      http.get(listRoute('hosts'), () => {
        requested.push('hosts');
        return unauthenticated();
      }),
    );

    const router = openApp('/dc/pcc-1/886/hosts');

    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/dc/pcc-1/886/hosts');
    expect(new URLSearchParams(router.state.location.search).has('expired')).toBe(false);
    expect(requested).toEqual([]);
  });
});
