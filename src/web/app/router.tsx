import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, redirect, type LoaderFunctionArgs, type RouteObject } from 'react-router';
import { AppLayout } from './app-layout';
import { RootLayout } from '../components/layout/root-layout';
import { RouteError } from '../components/layout/route-error';
import { LoadingState } from '../components/states/query-states';
import { sessionQueryOptions } from '../features/auth/api/session';
import { LoginPage } from '../features/auth/components/login-page';
import { DatacenterLayout } from '../features/datacenters/components/datacenter-layout';
import { DatacentersPage } from '../features/datacenters/components/datacenters-page';
import { ApiError } from '../lib/api-client';

/** The login page's address for someone who was at `url`, so sign-in brings them back there. */
export function loginPathFor(url: URL, expired = false): string {
  const params = new URLSearchParams();
  for (const key of ['theme', 'lang', 'tz']) {
    const value = url.searchParams.get(key);
    if (value !== null) params.set(key, value);
  }
  if (expired) params.set('expired', '1');
  params.set('next', url.pathname + url.search);
  return `/login?${params.toString()}`;
}

function requireSession(queryClient: QueryClient) {
  return async ({ request }: LoaderFunctionArgs) => {
    try {
      await queryClient.ensureQueryData(sessionQueryOptions());
      return null;
    } catch (error) {
      if (error instanceof ApiError && error.isUnauthenticated)
        throw redirect(loginPathFor(new URL(request.url)));
      throw error;
    }
  };
}

export function routes(queryClient: QueryClient): RouteObject[] {
  return [
    {
      element: <RootLayout />,
      errorElement: <RouteError />,
      hydrateFallbackElement: <LoadingState />,
      children: [
        { path: '/login', element: <LoginPage /> },
        {
          path: '/wall',
          lazy: () =>
            import('../features/wall/components/wall-page').then((m) => ({ Component: m.WallPage })),
        },
        {
          path: '/',
          loader: requireSession(queryClient),
          element: <AppLayout />,
          errorElement: <RouteError />,
          children: [
            { index: true, element: <DatacentersPage /> },
            {
              path: 'dc/:serviceName/:datacenterId',
              element: <DatacenterLayout />,
              errorElement: <RouteError />,
              children: [
                { index: true, loader: ({ request }) => redirect(`${new URL(request.url).pathname}/hosts`) },
                {
                  path: 'filers',
                  lazy: () =>
                    import('../features/filers/components/filers-page').then((m) => ({
                      Component: m.FilersPage,
                    })),
                },
                {
                  path: 'hosts',
                  lazy: () =>
                    import('../features/hosts/components/hosts-page').then((m) => ({
                      Component: m.HostsPage,
                    })),
                },
                {
                  path: 'vms',
                  lazy: () =>
                    import('../features/vms/components/vms-page').then((m) => ({ Component: m.VmsPage })),
                },
                {
                  path: 'capacity',
                  lazy: () =>
                    import('../features/capacity/components/capacity-page').then((m) => ({
                      Component: m.CapacityPage,
                    })),
                },
                {
                  path: 'vms/:id/processes',
                  lazy: () =>
                    import('../features/processes/components/processes-page').then((m) => ({
                      Component: m.ProcessesPage,
                    })),
                },
                {
                  path: ':kind/:id/graphs',
                  lazy: () =>
                    import('../features/graphs/components/graphs-page').then((m) => ({
                      Component: m.GraphsPage,
                    })),
                },
              ],
            },
            {
              path: 'admin/displays',
              lazy: () =>
                import('../features/displays/components/displays-page').then((m) => ({
                  Component: m.DisplaysPage,
                })),
            },
            {
              path: 'admin/api-tokens',
              lazy: () =>
                import('../features/api-tokens/components/api-tokens-page').then((m) => ({
                  Component: m.ApiTokensPage,
                })),
            },
            {
              path: '*',
              loader: () => {
                throw new Response('Not found', { status: 404 });
              },
            },
          ],
        },
      ],
    },
  ];
}

export function createRouter(queryClient: QueryClient) {
  return createBrowserRouter(routes(queryClient));
}
