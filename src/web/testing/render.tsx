import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { createMemoryRouter, type RouteObject } from 'react-router';
import { AppRouterProvider } from '../app/app-router-provider';

// Renders a component the way the app does (a query client, a router) at a given URL. Queries never retry,
// so an error shows at once.

export interface RenderOptions {
  /** The URL the component is at, e.g. `/dc/pcc-1/886/hosts?sort=name`. */
  url?: string;
  /** The route pattern the component is mounted on, e.g. `/dc/:serviceName/:datacenterId/hosts`. */
  path?: string;
  /** Extra routes (e.g. link targets) beside the component's. */
  routes?: RouteObject[];
  queryClient?: QueryClient;
}

export function createTestQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
}

export function renderWithProviders(ui: ReactElement, options: RenderOptions = {}) {
  const queryClient = options.queryClient ?? createTestQueryClient();
  const router = createMemoryRouter([{ path: options.path ?? '/', element: ui }, ...(options.routes ?? [])], {
    initialEntries: [options.url ?? '/'],
  });
  const user = userEvent.setup();
  const result = render(
    <QueryClientProvider client={queryClient}>
      <AppRouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...result, user, router, queryClient };
}
