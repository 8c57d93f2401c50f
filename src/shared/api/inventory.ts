import { z } from 'zod';
import { DatacenterSchema, FilerSchema, HostSchema, VmSchema, type Filer } from '../ovh/models';
import { ENTITY_ROUTES } from '../metrics/entities';
import { AlertLevelSchema, ThresholdMetricSchema } from '../thresholds/thresholds';
import { FreshnessSchema } from './freshness';

export { FreshnessSchema, type Freshness } from './freshness';

// The server → SPA contract for inventory: OVH's own objects (every field the pages need, as OVH names them)
// plus the figures derived once on the server, and the freshness of the data.

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

export const VmRowSchema = VmSchema.extend({ cpuPercent: percent, memoryPercent: percent });
export type VmRow = z.infer<typeof VmRowSchema>;

export const inventoryListSchema = <T extends z.ZodType>(row: T) =>
  FreshnessSchema.extend({ items: z.array(row) });

export const FilerListSchema = inventoryListSchema(FilerRowSchema);
export const HostListSchema = inventoryListSchema(HostRowSchema);
export const VmListSchema = inventoryListSchema(VmRowSchema);
export type FilerList = z.infer<typeof FilerListSchema>;
export type HostList = z.infer<typeof HostListSchema>;
export type VmList = z.infer<typeof VmListSchema>;

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
