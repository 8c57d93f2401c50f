import type { DatacenterRef } from '../../shared/api/displays';
import { ApiError, badRequest } from '../http/api-error';
import type { Access, InventoryService } from '../inventory/inventory-service';

/**
 * Refuses a display scope naming datacenters that do not exist (400, listing them all so the admin fixes the
 * request in one go) or that the administrator may not see (403): a display cannot widen its creator's view.
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
      if (!(error instanceof ApiError) || error.status !== 404) throw error;
      missing.push(`${ref.serviceName}/${ref.datacenterId}`);
    }
  }
  if (missing.length > 0) {
    throw badRequest(`scope names datacenters that do not exist: ${missing.join(', ')}.`);
  }
}
