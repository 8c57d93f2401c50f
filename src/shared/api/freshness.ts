import { z } from 'zod';

// How old an answer built from an upstream is, and why, when it is stale. Inventory and guest data share it.

export const FreshnessSchema = z.object({
  /** When the server fetched this data from OVH (epoch ms). */
  fetchedAt: z.number(),
  /**
   * True when this data is past the poll interval with no refresh landed since (the refresh failed, see
   * `error`, or is still under way, see `refreshingSince`), or was kept from before the server restarted.
   */
  stale: z.boolean(),
  /** The last refresh's failure, while the data is older than it. */
  error: z.object({ message: z.string(), at: z.number() }).optional(),
  /** When the server's refresh under way began (epoch ms), while there is one: OVH is slow, or failing. */
  refreshingSince: z.number().optional(),
  /** How often the server refreshes from OVH; the SPA polls at this pace. */
  pollIntervalMs: z.number(),
});
export type Freshness = z.infer<typeof FreshnessSchema>;
