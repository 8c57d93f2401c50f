import { z } from 'zod';
import { DatacenterSchema, FilerSchema, HostSchema, VmSchema } from '../ovh/models';

// The server → SPA contract for inventory: OVH's own objects (every field the pages need, as OVH names them)
// plus the figures derived once on the server, and the freshness of the data.

export const FreshnessSchema = z.object({
  /** When the server fetched this data from OVH (epoch ms). */
  fetchedAt: z.number(),
  /** True when the last refresh failed and this is the last good data. */
  stale: z.boolean(),
  error: z.object({ message: z.string(), at: z.number() }).optional(),
  /** How often the server refreshes from OVH; the SPA polls at this pace. */
  pollIntervalMs: z.number(),
});
export type Freshness = z.infer<typeof FreshnessSchema>;

const percent = z.number().nullable();

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

export const InventoryKindSchema = z.enum(['filers', 'hosts', 'vms']);
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
