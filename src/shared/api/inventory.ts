import { z } from 'zod';
import {
  BackupBackupSchema,
  DatacenterSchema,
  FilerSchema,
  HostSchema,
  VmSchema,
  type Filer,
} from '../ovh/models';
import { ENTITY_ROUTES } from '../metrics/entities';
import { AlertLevelSchema, ThresholdMetricSchema } from '../thresholds/thresholds';
import { columnSchema } from './column-schema';
import { FreshnessSchema } from './freshness';

export { FreshnessSchema, type Freshness } from './freshness';

// The server → SPA contract for inventory: OVH's own objects, or for VMs the fields of them the pages and the
// recorders read (as OVH names them), plus the figures derived once on the server, and the freshness of the data.

const percent = z.number().nullable();

/** GB the datastore can hold (the server's used % and Graphs' capacity line both use it). */
export function filerCapacityGb(filer: Pick<Filer, 'spaceUsed' | 'spaceFree' | 'size'>): number {
  // `size` is the commercial capacity; used + free is what the datastore reports, and is what vScope showed.
  return filer.spaceUsed != null && filer.spaceFree != null
    ? filer.spaceUsed + filer.spaceFree
    : filer.size.value;
}

export const FilerRowSchema = FilerSchema.extend({
  /** Mounted on every datacenter of the service (`/dedicatedCloud/{sn}/filer`). */
  global: z.boolean(),
  usedPercent: percent,
  provisionedPercent: percent,
});
export type FilerRow = z.infer<typeof FilerRowSchema>;

export const HostRowSchema = HostSchema.extend({ cpuPercent: percent, memoryPercent: percent });
export type HostRow = z.infer<typeof HostRowSchema>;

const derivedUsage = { cpuPercent: percent, memoryPercent: percent };

/** The backup column's word comes from these two; the job's settings and restore points are details. */
const backupSummary = { backup: BackupBackupSchema.pick({ state: true, lastResult: true }).nullable() };

/** The fields of OVH's VM that the VMs table, the processes page and the wall show. */
const SHOWN_VM_FIELDS = {
  vmId: true,
  moRef: true,
  name: true,
  powerState: true,
  hostName: true,
  clusterName: true,
  folderName: true,
  vmwareTools: true,
  vmwareToolsVersion: true,
  stateFt: true,
  snapshotNum: true,
  cpuNum: true,
  memoryMax: true,
  cpuUsed: true,
  memoryUsed: true,
  cpuReady: true,
  cpuReadyPercent: true,
  netRx: true,
  netTx: true,
  readPerSecond: true,
  writePerSecond: true,
  readRate: true,
  writeRate: true,
  readLatency: true,
  writeLatency: true,
} as const;

/** A VM as its datacenter's list sends it: what the pages show, and nothing else. */
export const VmRowSchema = VmSchema.pick(SHOWN_VM_FIELDS).extend({ ...backupSummary, ...derivedUsage });
export type VmRow = z.infer<typeof VmRowSchema>;

/**
 * What the server reads and keeps of OVH's VM: the row, plus what only the recorders use (the live figures
 * the percentages and packet series come from, `guestOsFamily` for capacity). Parsing OVH's object with it
 * drops the rest as it reads: a VM's restore points, NICs, disks and CD-ROMs are three quarters of its 2 kB
 * and no table shows them; its details route serves them.
 */
export const ListedVmSchema = VmSchema.pick({
  ...SHOWN_VM_FIELDS,
  cpuMax: true,
  netPacketRx: true,
  netPacketTx: true,
  guestOsFamily: true,
}).extend(backupSummary);

/** The server's copy of a VM in its datacenter's list (`toColumns(VmRowSchema, …)` sends the row of it). */
export const KeptVmSchema = ListedVmSchema.extend(derivedUsage);
export type KeptVm = z.infer<typeof KeptVmSchema>;

/** A VM's whole OVH object (backup with its restore points, snapshots, networks, filers), for one VM. */
export const VmDetailsSchema = VmSchema.extend(derivedUsage);
export type VmDetails = z.infer<typeof VmDetailsSchema>;

export const VmDetailsResponseSchema = FreshnessSchema.extend({ vm: VmDetailsSchema });
export type VmDetailsResponse = z.infer<typeof VmDetailsResponseSchema>;

/**
 * Rows as one array per field (`{"vmId": [1, 2], "name": ["a", "b"]}`): field names are written once rather than
 * once per row, and like values sit together for gzip. The simulator's VM rows take about 600 bytes each as
 * objects and 250 by column (bench/list-bytes.bench.ts). The server writes it without checking (a value newer
 * than our schema, which parseModel keeps, must not cost the whole list); `columnsOf` reads it back.
 */
export function toColumns<S extends z.ZodObject>(row: S, rows: readonly z.output<S>[]) {
  return Object.fromEntries(
    Object.keys(row.shape).map((field) => [
      field,
      rows.map((item) => (item as Record<string, unknown>)[field]),
    ]),
  );
}

/** The rows `toColumns` wrote, each column checked with its field's schema, read back as row objects. */
export function columnsOf<S extends z.ZodObject>(row: S) {
  type Row = z.output<S>;
  const fields = Object.keys(row.shape);
  const columns = z
    .object(Object.fromEntries(fields.map((field) => [field, columnSchema(row.shape[field])])))
    .refine((c) => fields.every((field) => c[field]!.length === c[fields[0]!]!.length), {
      error: 'every column must hold one value per row',
    });
  // Each row starts as a copy of one with every field, so it has its final shape at once: an empty object grown
  // field by field outgrows its own storage and reallocates it, which took a third longer on 10 000 VMs.
  const shape: Record<string, unknown> = Object.fromEntries(fields.map((field) => [field, null]));
  return z.codec(columns, z.custom<Row[]>(), {
    decode: (c) => {
      const rows = Array.from({ length: fields.length === 0 ? 0 : c[fields[0]!]!.length }, () => ({
        ...shape,
      }));
      for (const field of fields) {
        const values: readonly unknown[] = c[field]!;
        for (let i = 0; i < rows.length; i++) rows[i]![field] = values[i];
      }
      return rows as Row[];
    },
    encode: (rows) => toColumns(row, rows),
  });
}

const inventoryListSchema = <T extends z.ZodType>(items: T) => FreshnessSchema.extend({ items });

export const FilerListSchema = inventoryListSchema(z.array(FilerRowSchema));
export const HostListSchema = inventoryListSchema(z.array(HostRowSchema));
// The one list that grows large: 10 000 VMs a datacenter and more.
export const VmListSchema = inventoryListSchema(columnsOf(VmRowSchema));
export type FilerList = z.infer<typeof FilerListSchema>;
export type HostList = z.infer<typeof HostListSchema>;
export type VmList = z.infer<typeof VmListSchema>;

/** Each kind's list answer, as the SPA reads it (and tests write it with `z.encode`). */
export const LIST_SCHEMAS = { filers: FilerListSchema, hosts: HostListSchema, vms: VmListSchema } as const;
export type InventoryList<K extends InventoryKind> = z.infer<(typeof LIST_SCHEMAS)[K]>;

export const InventoryKindSchema = z.enum(ENTITY_ROUTES);
export type InventoryKind = z.infer<typeof InventoryKindSchema>;

export const ServiceEntrySchema = z.object({
  serviceName: z.string(),
  description: z.string(),
  /** The PCC's vSphere web client; its host also serves the vCenter API. */
  webInterfaceUrl: z.string(),
  datacenters: z.array(DatacenterSchema),
});
export type ServiceEntry = z.infer<typeof ServiceEntrySchema>;

export const ServiceListSchema = FreshnessSchema.extend({ items: z.array(ServiceEntrySchema) });
export type ServiceList = z.infer<typeof ServiceListSchema>;

/** One threshold breach, as the datacenter page's "worst alerts" and the wall's alerts strip list them. */
export const AlertSchema = z.object({
  kind: InventoryKindSchema,
  id: z.number(),
  name: z.string(),
  metric: ThresholdMetricSchema,
  value: z.number(),
  level: AlertLevelSchema.exclude(['ok']),
});
export type Alert = z.infer<typeof AlertSchema>;

const usage = z.object({ used: z.number(), total: z.number(), percent: percent });

/** A datacenter at a glance, computed on the server from the same cached lists the pages read. */
export const DatacenterSummarySchema = z.object({
  hosts: z.object({ total: z.number(), connected: z.number(), inMaintenance: z.number() }),
  vms: z.object({ total: z.number(), poweredOn: z.number(), poweredOff: z.number(), suspended: z.number() }),
  /** MHz. */
  cpu: usage,
  /** MB. */
  memory: usage,
  /** GB, datacenter and global filers. */
  storage: usage,
  /** Every breach, worst first; `alerts.length` is the datacenter's alert count. */
  alerts: z.array(AlertSchema),
});
export type DatacenterSummary = z.infer<typeof DatacenterSummarySchema>;

export const DatacenterSummaryResponseSchema = FreshnessSchema.extend({ summary: DatacenterSummarySchema });
export type DatacenterSummaryResponse = z.infer<typeof DatacenterSummaryResponseSchema>;
