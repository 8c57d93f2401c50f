import { uuid5 } from '@/metering';

// The metered resources' ids: name-based UUIDs (v5) of what identifies each entity in OVH's API, so that every
// server (and a restarted one) names the same VM with the same id, on the embedded engine or on a Gnocchi
// cluster, and no creator-dependent id mapping comes into play.

/** Our own namespace: ids of other tools' resources built from the same paths cannot collide with ours. */
export const CAPACITY_ID_NAMESPACE = 'c0d5a1e7-64b4-5f4e-9c1b-7a3e2f0d9b15';
const NAMESPACE = Buffer.from(CAPACITY_ID_NAMESPACE.replaceAll('-', ''), 'hex');

/** What names one metered entity. A global filer is one resource per datacenter that lists it. */
export type CapacityEntity =
  | { type: 'vm'; serviceName: string; vmId: number }
  | { type: 'host'; serviceName: string; hostId: number }
  | { type: 'filer'; serviceName: string; datacenterId: number; filerId: number }
  | { type: 'datacenter'; serviceName: string; datacenterId: number };

export function capacityPath(entity: CapacityEntity): string {
  switch (entity.type) {
    case 'vm':
      return `vm/${entity.serviceName}/${entity.vmId}`;
    case 'host':
      return `host/${entity.serviceName}/${entity.hostId}`;
    case 'filer':
      return `filer/${entity.serviceName}/${entity.datacenterId}/${entity.filerId}`;
    case 'datacenter':
      return `datacenter/${entity.serviceName}/${entity.datacenterId}`;
  }
}

export function capacityResourceId(entity: CapacityEntity): string {
  return uuid5(NAMESPACE, capacityPath(entity));
}
