import type { ComponentProps } from 'react';
import { RouterProvider } from 'react-router';

/** The SPA's router on screen. Its state is rendered at the priority of what changed it, not as a transition:
 * a click's navigation is on screen before any timer runs, so a table's URL write that comes due meanwhile sees
 * the navigation and waits instead of cancelling it. As a transition, that render yields to the page's own work
 * and a slow machine showed the write landing first. */
export function AppRouterProvider({ router }: Pick<ComponentProps<typeof RouterProvider>, 'router'>) {
  return <RouterProvider router={router} useTransitions={false} />;
}
