import type { DatacenterRef } from '@/shared/api/displays';
import type { ServiceEntry } from '@/shared/api/inventory';
import { ENTITY_ROUTES, type EntityRoute } from '@/shared/metrics/entities';
import type { InventoryService, ListByKind } from './inventory-service';
import type { ReadOptions, Snapshot } from './refreshing-cache';

// What the recorders (vScope points, capacity measures) read each pass: every cached list of every datacenter,
// through the shared cache, so recording costs OVH no call of its own.

/**
 * Screens get the cached copy at once while a slow refresh runs. A recorder has no one waiting on it, and
 * when no screen is open its reads are what start the refreshes: served the copy, it would skip it as stale
 * and record the refresh an interval later, so refreshes, and points, would come every other interval.
 */
export const UNTIL_REFRESHED: ReadOptions = { waitMs: Infinity };

export interface CachedList<R extends EntityRoute = EntityRoute> {
  service: ServiceEntry;
  datacenter: ServiceEntry['datacenters'][number];
  route: R;
  snapshot: Snapshot<ListByKind[R]>;
  /** `serviceName/datacenterId/route`: what a recorder remembers having written. */
  key: string;
}

export function readServices(inventory: InventoryService): Promise<Snapshot<ServiceEntry[]>> {
  return inventory.services({ kind: 'all' }, UNTIL_REFRESHED);
}

/** Every list of every datacenter of these services, one after the other. */
export async function* cachedLists(
  inventory: InventoryService,
  services: readonly ServiceEntry[],
): AsyncGenerator<{ [R in EntityRoute]: CachedList<R> }[EntityRoute]> {
  for (const service of services) {
    for (const datacenter of service.datacenters) {
      for (const route of ENTITY_ROUTES) {
        const ref: DatacenterRef = {
          serviceName: service.serviceName,
          datacenterId: datacenter.datacenterId,
        };
        const snapshot = await inventory.list(
          { kind: 'all' },
          ref.serviceName,
          ref.datacenterId,
          route,
          UNTIL_REFRESHED,
        );
        const key = `${ref.serviceName}/${ref.datacenterId}/${route}`;
        yield { service, datacenter, route, snapshot, key } as {
          [R in EntityRoute]: CachedList<R>;
        }[EntityRoute];
      }
    }
  }
}
