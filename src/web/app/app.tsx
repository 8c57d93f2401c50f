import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { onUnauthenticated } from '../lib/api-client';
import { queryKeys } from '../lib/query-keys';
import { AppRouterProvider } from './app-router-provider';
import { loginPathFor, type AppRouter } from './router';

/** The SPA: one query client and one router for the page's life (made before the first render, see main.tsx). */
export function App({ queryClient, router }: { queryClient: QueryClient; router: AppRouter }) {
  // A session that expires mid-use sends the user to sign in and back to the same page afterwards. Wall
  // screens never see a login form: they re-exchange their display token themselves.
  useEffect(
    () =>
      onUnauthenticated(() => {
        const url = new URL(window.location.href);
        if (url.pathname.startsWith('/wall') || url.pathname.startsWith('/login')) return;
        queryClient.removeQueries({ queryKey: queryKeys.all });
        void router.navigate(loginPathFor(url, true), { replace: true });
      }),
    [queryClient, router],
  );

  return (
    <QueryClientProvider client={queryClient}>
      <AppRouterProvider router={router} />
    </QueryClientProvider>
  );
}
