import type { QueryClient } from '@tanstack/react-query';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { ReactElement } from 'react';
import type { InventoryKind } from '@/shared/api/inventory';
import { server } from './msw-server';
import { renderWithProviders } from './render';

// The Filers, Hosts and VMs pages under test: one datacenter (pcc-1, 886), its list as the server answers it.

export const INVENTORY_POLL_MS = 120_000;

/** The route of a datacenter's list, as msw matches it. */
export const listRoute = (kind: InventoryKind) =>
  `/api/services/:serviceName/datacenters/:datacenterId/${kind}`;

/** A list answer that is not stale, fetched from OVH at `fetchedAt`. */
export function freshList<T>(items: T[], fetchedAt = Date.now()) {
  return { fetchedAt, stale: false, pollIntervalMs: INVENTORY_POLL_MS, items };
}

/** Answers every request for the `kind` list with `items`, fetched just now. */
export function serveList<T>(kind: InventoryKind, items: T[]): void {
  server.use(http.get(listRoute(kind), () => HttpResponse.json(freshList(items))));
}

/** `page` at `/dc/pcc-1/886/<kind><query>`. */
export function renderInventoryPage(
  page: ReactElement,
  kind: InventoryKind,
  query = '',
  queryClient?: QueryClient,
) {
  return renderWithProviders(page, {
    path: `/dc/:serviceName/:datacenterId/${kind}`,
    url: `/dc/pcc-1/886/${kind}${query}`,
    queryClient,
  });
}

/** The table row of the entity whose name links to its Graphs. */
export const rowOf = (name: string) => screen.getByRole('link', { name }).closest('tr')!;
