import { z } from 'zod';
import type { DatacenterRef } from '@/shared/api/displays';
import {
  FilerRowSchema,
  HostRowSchema,
  ServiceEntrySchema,
  KeptVmSchema,
  type FilerRow,
  type HostRow,
  type InventoryKind,
  type ServiceEntry,
  type VmDetails,
  type KeptVm,
} from '@/shared/api/inventory';
import { RightRightEnumSchema, type RightRightEnum } from '@/shared/ovh/models';
import { DomainError } from '../errors';
import type { OvhInventory } from './ovh-inventory';
import { RefreshingCache, type ReadOptions, type Snapshot } from './refreshing-cache';
import type { SnapshotCodec, SnapshotStores } from './snapshot-store';

// The inventory as users may see it: cached per (service, datacenter, kind), filtered by the PCC rights of
// whoever asks. Rights are cached like inventory, so a thousand screens still cost OVH one read per interval.
// Each cache keeps its last good values in the database, so a restart during an OVH outage serves them.

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
  vms: KeptVm[];
}

interface DatacenterKey {
  serviceName: string;
  datacenterId: number;
}

interface VmKey extends DatacenterKey {
  vmId: number;
}

/**
 * VM details are read one VM at a time, when someone opens one; a few hundred kept is plenty, and keeps the
 * cache to about a megabyte whatever the inventory's size (the lists hold every VM, but lean).
 */
const DETAILS_KEPT = 256;

type ListCaches = { [K in InventoryKind]: RefreshingCache<DatacenterKey, ListByKind[K]> };

export interface InventoryServiceOptions {
  intervalMs: number;
  now?: () => number;
  onError?: (what: string, error: unknown) => void;
  /** Where each cache keeps its last good values across restarts; nowhere when absent. */
  snapshots?: SnapshotStores;
}

/** Rights decide what a reader may see, not what it is shown: checking them never waits on a refresh. */
const NO_WAIT: ReadOptions = { waitMs: 0 };

const ROW_SCHEMAS = { filers: FilerRowSchema, hosts: HostRowSchema, vms: KeptVmSchema } as const;

const listCodec = <K extends InventoryKind>(kind: K): SnapshotCodec<ListByKind[K]> => ({
  encode: (rows) => rows,
  decode: (data) => z.array(ROW_SCHEMAS[kind]).parse(data) as ListByKind[K],
});

const servicesCodec: SnapshotCodec<ServiceEntry[]> = {
  encode: (services) => services,
  decode: (data) => z.array(ServiceEntrySchema).parse(data),
};

const RightsEntriesSchema = z.array(z.tuple([z.number(), RightRightEnumSchema]));
const rightsCodec: SnapshotCodec<Map<number, RightRightEnum>> = {
  encode: (rights) => [...rights],
  decode: (data) => new Map(RightsEntriesSchema.parse(data)),
};

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
  private readonly lists: ListCaches;
  private readonly details: RefreshingCache<VmKey, VmDetails | null>;
  private readonly rights: RefreshingCache<
    { serviceName: string; pccUser: string },
    Map<number, RightRightEnum>
  >;

  constructor(
    private readonly inventory: OvhInventory,
    readonly options: InventoryServiceOptions,
  ) {
    const common = { intervalMs: options.intervalMs, now: options.now };
    const { snapshots } = options;
    this.servicesCache = new RefreshingCache({
      ...common,
      load: (_key, signal) => inventory.services(signal),
      onError: (_key, error) => options.onError?.('services', error),
      store: snapshots?.store('services', servicesCodec),
    });
    const listCache = <K extends InventoryKind>(kind: K) =>
      new RefreshingCache<DatacenterKey, ListByKind[K]>({
        ...common,
        keyOf: (k) => `${k.serviceName}/${k.datacenterId}`,
        load: (k, signal) => inventory[kind](k.serviceName, k.datacenterId, signal) as Promise<ListByKind[K]>,
        onError: (k, error) => options.onError?.(`${k.serviceName}/${k.datacenterId}/${kind}`, error),
        store: snapshots?.store(kind, listCodec(kind)),
      });
    this.lists = { filers: listCache('filers'), hosts: listCache('hosts'), vms: listCache('vms') };
    this.details = new RefreshingCache({
      ...common,
      keyOf: (k) => `${k.serviceName}/${k.datacenterId}/${k.vmId}`,
      load: (k, signal) => inventory.vm(k.serviceName, k.datacenterId, k.vmId, signal),
      onError: (k, error) => options.onError?.(`${k.serviceName}/${k.datacenterId}/vms/${k.vmId}`, error),
      maxEntries: DETAILS_KEPT,
    });
    this.rights = new RefreshingCache({
      ...common,
      keyOf: (k) => `${k.serviceName}/${k.pccUser}`,
      load: (k, signal) => inventory.rights(k.serviceName, k.pccUser, signal),
      onError: (k, error) => options.onError?.(`rights of ${k.pccUser} on ${k.serviceName}`, error),
      store: snapshots?.store('rights', rightsCodec),
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
    const cache = this.lists[kind] as RefreshingCache<DatacenterKey, ListByKind[K]>;
    return cache.get({ serviceName, datacenterId }, read);
  }

  /**
   * One VM's whole OVH object, with the same rights as its datacenter's list. The lists keep only what the
   * pages show, so the object is read from OVH when asked, and kept an interval like the lists. A VM the list
   * does not have is 'missing' without asking OVH.
   */
  async vmDetails(
    access: Access,
    serviceName: string,
    datacenterId: number,
    vmId: number,
  ): Promise<Snapshot<VmDetails>> {
    const listed = await this.list(access, serviceName, datacenterId, 'vms');
    const missing = () =>
      new DomainError('missing', `No VM ${vmId} in datacenter ${datacenterId} of ${serviceName}.`);
    if (!listed.value.some((vm) => vm.vmId === vmId)) throw missing();
    const snapshot = await this.details.get({ serviceName, datacenterId, vmId });
    if (snapshot.value === null) throw missing();
    return { ...snapshot, value: snapshot.value };
  }

  /** Throws 'missing' for a datacenter that does not exist, 'forbidden' for one this access may not see. */
  async authorize(access: Access, serviceName: string, datacenterId: number): Promise<void> {
    const all = (await this.servicesCache.get('services', NO_WAIT)).value;
    const service = all.find((s) => s.serviceName === serviceName);
    if (!service?.datacenters.some((dc) => dc.datacenterId === datacenterId)) {
      throw new DomainError('missing', `No datacenter ${datacenterId} in service ${serviceName}.`);
    }
    const visible = (await this.visible(all, access)).find((s) => s.serviceName === serviceName);
    if (!visible?.datacenters.some((dc) => dc.datacenterId === datacenterId)) {
      throw new DomainError(
        'forbidden',
        `You have no rights on datacenter ${datacenterId} of ${serviceName}.`,
      );
    }
  }

  /** Abandons the refreshes under way: the server is closing. */
  async close(): Promise<void> {
    await Promise.all(
      [this.servicesCache, this.rights, this.details, ...Object.values(this.lists)].map((cache) =>
        cache.close(),
      ),
    );
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
