import type { QueryClient } from '@tanstack/react-query';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { ReactElement } from 'react';
import { z } from 'zod';
import { LIST_SCHEMAS, type InventoryKind, type InventoryList } from '@/shared/api/inventory';
import { server } from './msw-server';
import { renderWithProviders } from './render';

// The Filers, Hosts and VMs pages under test: one datacenter (pcc-1, 886), its list as the server answers it.

export const INVENTORY_POLL_MS = 120_000;

/** The route of a datacenter's list, as msw matches it. */
export const listRoute = (kind: InventoryKind) =>
  `/api/services/:serviceName/datacenters/:datacenterId/${kind}`;

/** A `kind` list answer that is not stale, fetched from OVH at `fetchedAt`, written as the server writes it. */
export function freshList<K extends InventoryKind>(
  kind: K,
  items: InventoryList<K>['items'],
  fetchedAt = Date.now(),
): Record<string, unknown> {
  const list = { fetchedAt, stale: false, pollIntervalMs: INVENTORY_POLL_MS, items };
  return z.encode(LIST_SCHEMAS[kind] as z.ZodType<unknown, Record<string, unknown>>, list);
}

/** Answers every request for the `kind` list with `items`, fetched just now. */
export function serveList<K extends InventoryKind>(kind: K, items: InventoryList<K>['items']): void {
  server.use(http.get(listRoute(kind), () => HttpResponse.json(freshList(kind, items))));
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
