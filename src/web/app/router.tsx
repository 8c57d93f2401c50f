import type { FetchQueryOptions, QueryClient, QueryKey } from '@tanstack/react-query';
import { createBrowserRouter, redirect, type LoaderFunctionArgs, type RouteObject } from 'react-router';
import type { InventoryKind } from '@/shared/api/inventory';
import { AppLayout } from './app-layout';
import { RootLayout } from '../components/layout/root-layout';
import { RouteError } from '../components/layout/route-error';
import { LoadingState } from '../components/states/query-states';
import { sessionQueryOptions } from '../features/auth/api/session';
import { LoginPage } from '../features/auth/components/login-page';
import { DatacenterLayout } from '../features/datacenters/components/datacenter-layout';
import { DatacentersPage } from '../features/datacenters/components/datacenters-page';
import { ApiError } from '../lib/api-client';
import { datacenterRefOf } from '../lib/datacenter-params';
import { inventoryListQueryOptions } from '../lib/inventory-list';
import { servicesQueryOptions } from '../lib/services-list';

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

/**
 * Starts a page's data as its route starts loading, beside the page's code and the session check, rather than
 * once the layouts above it have rendered and fetched their own: a 10 000-VM list is then under way a few
 * round trips sooner. Only once the session is known good, though: without one the request would answer 401,
 * which reads as a session that expired, not as one that never began (requireSession sends that user to sign in).
 */
function prefetchAfterSession<T, K extends QueryKey>(
  queryClient: QueryClient,
  options: FetchQueryOptions<T, Error, T, K>,
): null {
  void queryClient.ensureQueryData(sessionQueryOptions()).then(
    () => queryClient.prefetchQuery(options),
    () => undefined,
  );
  return null;
}

/** A datacenter page's loader: its `kind` list, or (for the datacenter's layout) the services it is among. */
function prefetchDatacenterData(queryClient: QueryClient, kind?: InventoryKind) {
  return ({ params }: LoaderFunctionArgs) => {
    const dc = datacenterRefOf(params);
    if (!dc) return null;
    return kind
      ? prefetchAfterSession(queryClient, inventoryListQueryOptions(dc, kind))
      : prefetchAfterSession(queryClient, servicesQueryOptions());
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
              loader: prefetchDatacenterData(queryClient),
              element: <DatacenterLayout />,
              errorElement: <RouteError />,
              children: [
                { index: true, loader: ({ request }) => redirect(`${new URL(request.url).pathname}/hosts`) },
                {
                  path: 'filers',
                  loader: prefetchDatacenterData(queryClient, 'filers'),
                  lazy: () =>
                    import('../features/filers/components/filers-page').then((m) => ({
                      Component: m.FilersPage,
                    })),
                },
                {
                  path: 'hosts',
                  loader: prefetchDatacenterData(queryClient, 'hosts'),
                  lazy: () =>
                    import('../features/hosts/components/hosts-page').then((m) => ({
                      Component: m.HostsPage,
                    })),
                },
                {
                  path: 'vms',
                  loader: prefetchDatacenterData(queryClient, 'vms'),
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

export type AppRouter = ReturnType<typeof createRouter>;
