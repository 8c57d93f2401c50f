import { z } from 'zod';
import {
  hostCpuPercent,
  hostMemoryPercent,
  vmCpuPercent,
  vmMemoryPercent,
} from '@/shared/metrics/live-fields';
import {
  filerCapacityGb,
  ListedVmSchema,
  type FilerRow,
  type HostRow,
  type ServiceEntry,
  type VmDetails,
  type KeptVm,
} from '@/shared/api/inventory';
import {
  DatacenterSchema,
  DedicatedCloudWithIAMSchema,
  FilerSchema,
  HostSchema,
  RightSchema,
  UserSchema,
  VmSchema,
  type Filer,
  type RightRightEnum,
} from '@/shared/ovh/models';
import type { Log } from '../logging';
import type { OvhClient } from '../upstream/ovh/client';
import { OvhApiError } from '../upstream/ovh/errors';
import type { CollectionFetcher, FetchAllResult } from '../upstream/ovh/fetch-all';
import { parseModel } from '../upstream/ovh/parse-model';
import type { PubliclyDescribed } from '../upstream/public-reason';
import { pickPccUser, shortNameOf } from './pcc-user';

// Reads the inventory the pages show from the OVH API and derives the figures once, here, rather than in every
// browser. Objects OVH could not return or that failed parsing are logged and left out; the rest is served.

// Only the names are needed, so a user object with a field our schema does not expect still counts.
const PccUserNamesSchema = UserSchema.pick({ userId: true, name: true, login: true });

const round2 = (value: number | undefined) => (value === undefined ? null : Math.round(value * 100) / 100);

function filerRow(filer: Filer, global: boolean): FilerRow {
  const used = filer.spaceUsed;
  const capacity = filerCapacityGb(filer);
  return {
    ...filer,
    global,
    usedPercent: used != null && capacity > 0 ? round2((used / capacity) * 100) : null,
    provisionedPercent:
      filer.spaceProvisionned != null && capacity > 0
        ? round2((filer.spaceProvisionned / capacity) * 100)
        : null,
  };
}

/** An object OVH sent that our schema cannot read: the reader is told so, the log gets zod's account. */
class UnreadableObjectError extends Error implements PubliclyDescribed {
  readonly publicReason = 'OVH sent an object the dashboard cannot read';
  constructor(path: string, problem: string) {
    super(`OVH object ${path} did not parse: ${problem}`);
    this.name = 'UnreadableObjectError';
  }
}

interface Usage {
  cpuPercent: number | null;
  memoryPercent: number | null;
}

function withUsage<T extends object>(
  object: T,
  cpuPercent: (object: T) => number | undefined,
  memoryPercent: (object: T) => number | undefined,
): T & Usage {
  // Set on the freshly parsed object, not spread into a new one nor assigned: V8 gives each object spread
  // from another whose fields vary between integer and fractional numbers a hidden class of its own, and an
  // Object.assign into one with 30 fields turns it into a dictionary; either costs about 1 kB a VM for as long
  // as the list is kept. Set by name, every row keeps the one class the parser gave them all.
  const row = object as T & Usage;
  row.cpuPercent = round2(cpuPercent(object));
  row.memoryPercent = round2(memoryPercent(object));
  return row;
}

/**
 * The list's objects with each text they repeat held once. JSON.parse gives every VM its own copy of its host's
 * name, its tools state, its OS family: 20 000 VMs held 3 MB of copies of a few dozen strings. A field is set
 * to the same string by name, so each object keeps its hidden class (see `withUsage`).
 */
function sharingTexts<T extends object>(objects: T[]): T[] {
  const texts = new Map<string, string>();
  for (const object of objects) {
    const fields = object as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      const value = fields[key];
      if (typeof value !== 'string') continue;
      const known = texts.get(value);
      if (known === undefined) texts.set(value, value);
      else fields[key] = known;
    }
  }
  return objects;
}

export class OvhInventory {
  constructor(
    private readonly client: OvhClient,
    private readonly fetcher: CollectionFetcher,
    private readonly log: Log,
  ) {}

  async services(signal?: AbortSignal): Promise<ServiceEntry[]> {
    const names = z.array(z.string()).parse(await this.client.get('/dedicatedCloud', { signal }));
    return Promise.all(
      names.map(async (serviceName) => {
        const raw = await this.client.get(`/dedicatedCloud/${serviceName}`, { signal });
        const parsed = parseModel(DedicatedCloudWithIAMSchema, raw);
        if (!parsed.ok)
          this.log.warn({ serviceName, problem: parsed.error }, 'OVH service object did not parse');
        const datacenters = await this.collect(
          `/dedicatedCloud/${serviceName}/datacenter`,
          DatacenterSchema,
          signal,
        );
        return {
          serviceName,
          description: parsed.ok ? parsed.value.description : '',
          webInterfaceUrl: parsed.ok ? parsed.value.webInterfaceUrl : '',
          datacenters: datacenters.sort((a, b) => a.datacenterId - b.datacenterId),
        };
      }),
    );
  }

  async filers(serviceName: string, datacenterId: number, signal?: AbortSignal): Promise<FilerRow[]> {
    const [local, global] = await Promise.all([
      this.collect(`/dedicatedCloud/${serviceName}/datacenter/${datacenterId}/filer`, FilerSchema, signal),
      this.collect(`/dedicatedCloud/${serviceName}/filer`, FilerSchema, signal),
    ]);
    return [...local.map((f) => filerRow(f, false)), ...global.map((f) => filerRow(f, true))];
  }

  hosts(serviceName: string, datacenterId: number, signal?: AbortSignal): Promise<HostRow[]> {
    const path = `/dedicatedCloud/${serviceName}/datacenter/${datacenterId}/host`;
    return this.collectWithUsage(path, HostSchema, hostCpuPercent, hostMemoryPercent, signal);
  }

  vms(serviceName: string, datacenterId: number, signal?: AbortSignal): Promise<KeptVm[]> {
    const path = `/dedicatedCloud/${serviceName}/datacenter/${datacenterId}/vm`;
    // Read with the list's schema, so each VM's restore points, NICs and disks are dropped as it is parsed.
    return this.collectWithUsage(path, ListedVmSchema, vmCpuPercent, vmMemoryPercent, signal);
  }

  /** One VM's whole object, or null when OVH no longer has it (deleted since the list was read). */
  async vm(
    serviceName: string,
    datacenterId: number,
    vmId: number,
    signal?: AbortSignal,
  ): Promise<VmDetails | null> {
    const path = `/dedicatedCloud/${serviceName}/datacenter/${datacenterId}/vm/${vmId}`;
    let raw: unknown;
    try {
      raw = await this.client.get(path, { signal });
    } catch (error) {
      if (error instanceof OvhApiError && error.status === 404) return null;
      throw error;
    }
    const parsed = parseModel(VmSchema, raw);
    if (!parsed.ok) throw new UnreadableObjectError(path, parsed.error);
    if (parsed.warnings.length > 0) {
      this.log.warn({ path, warnings: parsed.warnings }, 'OVH values newer than our schema');
    }
    return withUsage(parsed.value, vmCpuPercent, vmMemoryPercent);
  }

  /**
   * The id of the PCC user meant by a name or login, or undefined when the service has no such user. OVH's
   * `?name=` filter is a LIKE, so its answer is narrowed to the one user meant (see `pickPccUser`).
   */
  async pccUserId(serviceName: string, pccUser: string, signal?: AbortSignal): Promise<number | undefined> {
    const usersPath = `/dedicatedCloud/${serviceName}/user`;
    const ids = z
      .array(z.number())
      .parse(
        await this.client.get(`${usersPath}?name=${encodeURIComponent(shortNameOf(pccUser))}`, { signal }),
      );
    const candidates = this.reported(
      usersPath,
      await this.fetcher.fetchIds(usersPath, ids.map(String), PccUserNamesSchema, signal),
    );
    return pickPccUser(candidates, pccUser)?.userId;
  }

  /** The datacenter rights of one PCC user, by name or login; an empty map when the service has no such user. */
  async rights(
    serviceName: string,
    pccUser: string,
    signal?: AbortSignal,
  ): Promise<Map<number, RightRightEnum>> {
    const userId = await this.pccUserId(serviceName, pccUser, signal);
    const rights = new Map<number, RightRightEnum>();
    if (userId === undefined) return rights;
    const rightsPath = `/dedicatedCloud/${serviceName}/user/${userId}/right`;
    for (const right of await this.collect(rightsPath, RightSchema, signal)) {
      rights.set(right.datacenterId, right.right);
    }
    return rights;
  }

  /** A collection whose objects get their CPU and memory use as percentages, as hosts and VMs do. */
  private async collectWithUsage<T extends object>(
    path: string,
    schema: z.ZodType<T>,
    cpuPercent: (object: T) => number | undefined,
    memoryPercent: (object: T) => number | undefined,
    signal?: AbortSignal,
  ): Promise<(T & Usage)[]> {
    return sharingTexts(
      (await this.collect(path, schema, signal)).map((object) =>
        withUsage(object, cpuPercent, memoryPercent),
      ),
    );
  }

  private async collect<S extends z.ZodType>(
    path: string,
    schema: S,
    signal?: AbortSignal,
  ): Promise<z.output<S>[]> {
    return this.reported(path, await this.fetcher.fetchAll(path, schema, signal));
  }

  private reported<T>(path: string, result: FetchAllResult<T>): T[] {
    if (result.problems.length > 0) {
      this.log.warn(
        { path, problems: result.problems.slice(0, 10), count: result.problems.length },
        'OVH objects left out',
      );
    }
    if (result.warnings.length > 0) {
      this.log.warn(
        { path, warnings: result.warnings.slice(0, 10), count: result.warnings.length },
        'OVH values newer than our schema',
      );
    }
    return result.items;
  }
}
