import type {
  SimDatacenter,
  SimFiler,
  SimHost,
  SimInventory,
  SimService,
  SimUser,
  SimVm,
} from '../model/inventory';

// Id lookups over the inventory, built once: a 10 000-VM model answers any by-id request in constant time.

export interface DatacenterIndex {
  datacenter: SimDatacenter;
  filers: Map<number, SimFiler>;
  hosts: Map<number, SimHost>;
  vms: Map<number, SimVm>;
}

export interface ServiceIndex {
  service: SimService;
  datacenters: Map<number, DatacenterIndex>;
  globalFilers: Map<number, SimFiler>;
  users: Map<number, SimUser>;
}

const byId = <T>(items: T[], id: (item: T) => number) => new Map(items.map((item) => [id(item), item]));

export function indexInventory(inventory: SimInventory): Map<string, ServiceIndex> {
  return new Map(
    inventory.services.map((service) => [
      service.serviceName,
      {
        service,
        datacenters: new Map(
          service.datacenters.map((datacenter) => [
            datacenter.datacenterId,
            {
              datacenter,
              filers: byId(datacenter.filers, (f) => f.filerId),
              hosts: byId(datacenter.hosts, (h) => h.hostId),
              vms: byId(datacenter.vms, (v) => v.vmId),
            },
          ]),
        ),
        globalFilers: byId(service.globalFilers, (f) => f.filerId),
        users: byId(service.users, (u) => u.userId),
      },
    ]),
  );
}
