import type { DatacenterRef } from '../../shared/api/displays';
import type { FilerRow, HostRow, InventoryKind, ServiceEntry, VmRow } from '../../shared/api/inventory';
import type { RightRightEnum } from '../../shared/ovh/models';
import { forbidden, notFound } from '../http/api-error';
import type { OvhInventory } from './ovh-inventory';
import { RefreshingCache, type ReadOptions, type Snapshot } from './refreshing-cache';

// The inventory as users may see it: cached per (service, datacenter, kind), filtered by the PCC rights of
// whoever asks. Rights are cached like inventory, so a thousand screens still cost OVH one read per interval.

/**
 * Whose datacenter rights apply: everything (a local user with no PCC user), a PCC user's rights, or an explicit
 * list of datacenters (a wall display, whose scope an administrator chose).
 */
export type Access =
  | { kind: 'all' }
  | { kind: 'pcc-user'; pccUser: string; serviceName: string | null }
  | { kind: 'datacenters'; datacenters: readonly DatacenterRef[] };

export interface ListByKind {
  filers: FilerRow[];
  hosts: HostRow[];
  vms: VmRow[];
}

interface ListKey {
  serviceName: string;
  datacenterId: number;
  kind: InventoryKind;
}

export interface InventoryServiceOptions {
  intervalMs: number;
  now?: () => number;
  onError?: (what: string, error: unknown) => void;
}

/** Rights decide what a reader may see, not what it is shown: checking them never waits on a refresh. */
const NO_WAIT: ReadOptions = { waitMs: 0 };

// Listed datacenters that no longer exist simply do not show: a scope outlives the inventory it was chosen from.
function onlyListed(services: ServiceEntry[], listed: readonly DatacenterRef[]): ServiceEntry[] {
  const visible: ServiceEntry[] = [];
  for (const service of services) {
    const datacenters = service.datacenters.filter((dc) =>
      listed.some((ref) => ref.serviceName === service.serviceName && ref.datacenterId === dc.datacenterId),
    );
    if (datacenters.length > 0) visible.push({ ...service, datacenters });
  }
  return visible;
}

export class InventoryService {
  private readonly servicesCache: RefreshingCache<'services', ServiceEntry[]>;
  private readonly lists: RefreshingCache<ListKey, ListByKind[InventoryKind]>;
  private readonly rights: RefreshingCache<
    { serviceName: string; pccUser: string },
    Map<number, RightRightEnum>
  >;

  constructor(
    private readonly inventory: OvhInventory,
    readonly options: InventoryServiceOptions,
  ) {
    const common = { intervalMs: options.intervalMs, now: options.now };
    this.servicesCache = new RefreshingCache({
      ...common,
      load: (_key, signal) => inventory.services(signal),
      onError: (_key, error) => options.onError?.('services', error),
    });
    this.lists = new RefreshingCache<ListKey, ListByKind[InventoryKind]>({
      ...common,
      keyOf: (k) => `${k.serviceName}/${k.datacenterId}/${k.kind}`,
      load: (k, signal) => inventory[k.kind](k.serviceName, k.datacenterId, signal),
      onError: (k, error) => options.onError?.(`${k.serviceName}/${k.datacenterId}/${k.kind}`, error),
    });
    this.rights = new RefreshingCache({
      ...common,
      keyOf: (k) => `${k.serviceName}/${k.pccUser}`,
      load: (k, signal) => inventory.rights(k.serviceName, k.pccUser, signal),
      onError: (k, error) => options.onError?.(`rights of ${k.pccUser} on ${k.serviceName}`, error),
    });
  }

  /** The services and datacenters this access may see. */
  async services(access: Access, read?: ReadOptions): Promise<Snapshot<ServiceEntry[]>> {
    const snapshot = await this.servicesCache.get('services', read);
    return { ...snapshot, value: await this.visible(snapshot.value, access) };
  }

  async list<K extends InventoryKind>(
    access: Access,
    serviceName: string,
    datacenterId: number,
    kind: K,
    read?: ReadOptions,
  ): Promise<Snapshot<ListByKind[K]>> {
    await this.authorize(access, serviceName, datacenterId);
    return (await this.lists.get({ serviceName, datacenterId, kind }, read)) as Snapshot<ListByKind[K]>;
  }

  /** 404 for a datacenter that does not exist, 403 for one that exists but this access may not see. */
  async authorize(access: Access, serviceName: string, datacenterId: number): Promise<void> {
    const all = (await this.servicesCache.get('services', NO_WAIT)).value;
    const service = all.find((s) => s.serviceName === serviceName);
    if (!service?.datacenters.some((dc) => dc.datacenterId === datacenterId)) {
      throw notFound(`No datacenter ${datacenterId} in service ${serviceName}.`);
    }
    const visible = (await this.visible(all, access)).find((s) => s.serviceName === serviceName);
    if (!visible?.datacenters.some((dc) => dc.datacenterId === datacenterId)) {
      throw forbidden(`You have no rights on datacenter ${datacenterId} of ${serviceName}.`);
    }
  }

  /** Abandons the refreshes under way: the server is closing. */
  async close(): Promise<void> {
    await Promise.all([this.servicesCache.close(), this.lists.close(), this.rights.close()]);
  }

  private async visible(services: ServiceEntry[], access: Access): Promise<ServiceEntry[]> {
    if (access.kind === 'all') return services;
    if (access.kind === 'datacenters') return onlyListed(services, access.datacenters);
    const mine = services.filter((s) => access.serviceName === null || access.serviceName === s.serviceName);
    const rights = await Promise.all(
      mine.map(
        async (service) =>
          (await this.rights.get({ serviceName: service.serviceName, pccUser: access.pccUser }, NO_WAIT))
            .value,
      ),
    );
    const visible: ServiceEntry[] = [];
    mine.forEach((service, index) => {
      const datacenters = service.datacenters.filter((dc) => {
        const right = rights[index]!.get(dc.datacenterId);
        return right !== undefined && right !== 'disabled';
      });
      if (datacenters.length > 0) visible.push({ ...service, datacenters });
    });
    return visible;
  }
}
