import type { DatacenterRef } from '@/shared/api/displays';
import { DomainError } from '../errors';
import { badRequest, forbidden } from '../http/api-error';
import type { Access, InventoryService } from './inventory-service';

// What a scoped credential (a wall display, an API token) may show: a list of datacenters that its creator
// must be able to see, and that whoever manages it later must be able to see in full.

/**
 * Refuses a scope naming datacenters that do not exist (400, listing them all so the admin fixes the
 * request in one go) or that the administrator may not see (403): a scoped credential cannot widen its
 * creator's view.
 */
export async function checkScope(
  inventory: InventoryService,
  creator: Access,
  scope: readonly DatacenterRef[],
): Promise<void> {
  const missing: string[] = [];
  for (const ref of scope) {
    try {
      await inventory.authorize(creator, ref.serviceName, ref.datacenterId);
    } catch (error) {
      if (!(error instanceof DomainError) || error.reason !== 'missing') throw error;
      missing.push(`${ref.serviceName}/${ref.datacenterId}`);
    }
  }
  if (missing.length > 0) {
    throw badRequest(`scope names datacenters that do not exist: ${missing.join(', ')}.`);
  }
}

/**
 * A predicate telling whether every datacenter of a scope is one this access may see. A scoped credential is
 * only as much the business of an administrator as everything it reaches: one who may see part of a display's
 * scope could otherwise rotate its token and read the rest through it.
 */
export async function scopeWithin(
  inventory: InventoryService,
  access: Access,
): Promise<(scope: readonly DatacenterRef[]) => boolean> {
  const visible = await visibleDatacenters(inventory, access);
  if (!visible) return () => true;
  return (scope) => scope.every((ref) => visible.has(datacenterKey(ref.serviceName, ref.datacenterId)));
}

/** One datacenter as a set member. */
export function datacenterKey(serviceName: string, datacenterId: number): string {
  return `${serviceName}/${datacenterId}`;
}

/** The datacenter a `datacenterKey` names (a service name may hold a slash; an id never does). */
export function datacenterOfKey(key: string): DatacenterRef {
  const slash = key.lastIndexOf('/');
  return { serviceName: key.slice(0, slash), datacenterId: Number(key.slice(slash + 1)) };
}

/** The datacenters this access may see, by `datacenterKey`; undefined for an access that sees them all. */
export async function visibleDatacenters(
  inventory: InventoryService,
  access: Access,
): Promise<ReadonlySet<string> | undefined> {
  if (access.kind === 'all') return undefined;
  const visible = new Set<string>();
  for (const service of (await inventory.services(access)).value) {
    for (const dc of service.datacenters) visible.add(datacenterKey(service.serviceName, dc.datacenterId));
  }
  return visible;
}

/** 403 with `refusal` unless every datacenter of the credential's current scope is within this access. */
export async function checkManageable(
  inventory: InventoryService,
  access: Access,
  scope: readonly DatacenterRef[],
  refusal: string,
): Promise<void> {
  const within = await scopeWithin(inventory, access);
  if (!within(scope)) throw forbidden(refusal);
}
