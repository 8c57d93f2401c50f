import type { FilerRow, HostRow, KeptVm, ServiceEntry } from '@/shared/api/inventory';
import type { CAPACITY_RESOURCE_TYPES } from '@/shared/capacity/catalog';
import { type AttributeType, type CapacityResourceType } from '@/shared/capacity/catalog';
import type { AttributeValue } from './gnocchi-client';
import { capacityResourceId } from './resource-ids';

// The Gnocchi resource each inventory entity is: its id and the attributes a user filters and groups on, read
// from the same rows the tables show. The catalog names the attributes; the types below make sure each one is
// filled, in its declared kind, for every resource type.

type ValueOf<T extends AttributeType> = T extends 'string' ? string : T extends 'number' ? number : boolean;

export type CapacityAttributes<T extends CapacityResourceType> = {
  -readonly [
    K in keyof (typeof CAPACITY_RESOURCE_TYPES)[T]
  ]: (typeof CAPACITY_RESOURCE_TYPES)[T][K] extends AttributeType
    ? ValueOf<(typeof CAPACITY_RESOURCE_TYPES)[T][K]> | null
    : never;
};

export interface CapacityResource<T extends CapacityResourceType = CapacityResourceType> {
  readonly type: T;
  readonly id: string;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

/** Where an entity is: every resource carries it, and rights are (service, datacenter_id). */
export interface Placement {
  serviceName: string;
  datacenterId: number;
  /** The datacenter's name. */
  datacenter: string;
}

function resource<T extends CapacityResourceType>(
  type: T,
  id: string,
  attributes: CapacityAttributes<T>,
): CapacityResource<T> {
  return { type, id, attributes: attributes };
}

// Each resource's attributes are written out in one literal, the placement's three first, not spread from a
// shared part: V8 gives an object spread into a literal whose fields vary in kind (a string or null, an
// integer or not) a hidden class of its own, some 300 bytes for each of a 20 000-VM pass's resources.

export function datacenterResource(
  service: Pick<ServiceEntry, 'serviceName'>,
  dc: ServiceEntry['datacenters'][number],
): CapacityResource<'datacenter'> {
  const at = { serviceName: service.serviceName, datacenterId: dc.datacenterId, datacenter: dc.name };
  return resource(
    'datacenter',
    capacityResourceId({ type: 'datacenter', serviceName: at.serviceName, datacenterId: at.datacenterId }),
    {
      service: at.serviceName,
      datacenter: at.datacenter,
      datacenter_id: at.datacenterId,
      name: dc.name,
      commercial_name: dc.commercialName,
    },
  );
}

export function vmResource(at: Placement, vm: KeptVm): CapacityResource<'vm'> {
  return resource('vm', capacityResourceId({ type: 'vm', serviceName: at.serviceName, vmId: vm.vmId }), {
    service: at.serviceName,
    datacenter: at.datacenter,
    datacenter_id: at.datacenterId,
    // A VM without a name is known by its moRef, as the tables show it.
    name: vm.name ?? vm.moRef,
    cluster: vm.clusterName,
    host: vm.hostName,
    folder: vm.folderName,
    power_state: vm.powerState,
    guest_os_family: vm.guestOsFamily,
    tools_state: vm.vmwareTools,
    backup: vm.backup !== null,
    ft_state: vm.stateFt,
  });
}

export function hostResource(at: Placement, host: HostRow): CapacityResource<'host'> {
  return resource(
    'host',
    capacityResourceId({ type: 'host', serviceName: at.serviceName, hostId: host.hostId }),
    {
      service: at.serviceName,
      datacenter: at.datacenter,
      datacenter_id: at.datacenterId,
      name: host.name,
      cluster: host.clusterName,
      profile: host.profile,
      state: host.state,
      connection_state: host.connectionState,
    },
  );
}

export function filerResource(at: Placement, filer: FilerRow): CapacityResource<'filer'> {
  const id = capacityResourceId({
    type: 'filer',
    serviceName: at.serviceName,
    datacenterId: at.datacenterId,
    filerId: filer.filerId,
  });
  return resource('filer', id, {
    service: at.serviceName,
    datacenter: at.datacenter,
    datacenter_id: at.datacenterId,
    name: filer.name,
    profile: filer.profile,
    global: filer.global,
  });
}
