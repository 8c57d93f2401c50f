import { z } from 'zod';
import { InventoryKindSchema } from './inventory';

// The server → SPA contract for Graphs: one shared time axis, and per metric (and per NIC for host network)
// the average with its min–max band, compact enough for a Year page of 13 charts.

export const PeriodSchema = z.enum(['day', 'week', 'month', 'year']);
export type PeriodName = z.infer<typeof PeriodSchema>;

/** The server's caps on `?from=&to=`: a custom range spans at most 366 days and starts at most two years back. */
export const MAX_CUSTOM_RANGE_MS = 366 * 86_400_000;
export const MAX_HISTORY_MS = 2 * 366 * 86_400_000;

const values = z.array(z.number().nullable());

export const SeriesLineSchema = z.object({
  metric: z.string(),
  unit: z.string(),
  /** The physical NIC for host network metrics, else null. */
  nic: z.string().nullable(),
  avg: values,
  min: values,
  max: values,
});
export type SeriesLine = z.infer<typeof SeriesLineSchema>;

export const SeriesResponseSchema = z.object({
  entity: z.object({ kind: InventoryKindSchema, id: z.number(), name: z.string() }),
  period: z.union([PeriodSchema, z.literal('custom')]),
  from: z.number(),
  to: z.number(),
  intervalMs: z.number(),
  timestamps: z.array(z.number()),
  series: z.array(SeriesLineSchema),
  /** Where the history came from, e.g. "embedded tsdb" or "OpenTSDB at https://…". */
  source: z.string(),
});
export type SeriesResponse = z.infer<typeof SeriesResponseSchema>;
