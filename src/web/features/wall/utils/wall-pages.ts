import type { WallPageName } from '@/shared/api/displays';
import type { DatacenterRef } from '@/web/lib/api-paths';
import { datacenterKey } from '@/web/lib/datacenter-params';
import type { WallDatacenter } from '../api/get-wall-datacenter';

// A wall never scrolls: each page kind has room for a fixed number of tiles, rows and alerts (sized for a
// 16:9 screen, the type scaling with it), and what does not fit goes to the next sub-page of the rotation.

export interface PageCapacity {
  hosts?: number;
  filers?: number;
  topVms?: number;
  alerts: number;
}

export const PAGE_CAPACITY: Record<WallPageName, PageCapacity> = {
  overview: { hosts: 12, filers: 8, topVms: 5, alerts: 10 },
  hosts: { hosts: 20, alerts: 10 },
  filers: { filers: 16, alerts: 10 },
  vms: { topVms: 10, alerts: 10 },
  alerts: { alerts: 30 },
};

const pagesFor = (count: number, size: number | undefined) =>
  size === undefined ? 1 : Math.max(1, Math.ceil(count / size));

/** How many screens a page kind needs for this datacenter: as many as its longest list. */
export function subPageCount(page: WallPageName, view: WallDatacenter | undefined): number {
  if (!view) return 1;
  const capacity = PAGE_CAPACITY[page];
  return Math.max(
    pagesFor(view.hosts.length, capacity.hosts),
    pagesFor(view.filers.length, capacity.filers),
    pagesFor(view.summary.alerts.length, capacity.alerts),
  );
}

/** The `sub`-th screenful of `items`; a shorter list keeps showing its last screenful. */
export function pageSlice<T>(items: readonly T[], sub: number, size: number): T[] {
  const last = Math.max(0, Math.ceil(items.length / size) - 1);
  const page = Math.min(sub, last);
  return items.slice(page * size, (page + 1) * size);
}

export interface WallItem {
  key: string;
  dc: DatacenterRef;
  page: WallPageName;
  sub: number;
  subCount: number;
}

/** The rotation: every datacenter, every page kind of each, every sub-page of each. */
export function wallItems(
  datacenters: readonly DatacenterRef[],
  pages: readonly WallPageName[],
  viewOf: (dc: DatacenterRef) => WallDatacenter | undefined,
): WallItem[] {
  const items: WallItem[] = [];
  for (const dc of datacenters) {
    const view = viewOf(dc);
    for (const page of pages) {
      const subCount = subPageCount(page, view);
      for (let sub = 0; sub < subCount; sub += 1) {
        items.push({ key: `${datacenterKey(dc)}|${page}|${sub}`, dc, page, sub, subCount });
      }
    }
  }
  return items;
}
