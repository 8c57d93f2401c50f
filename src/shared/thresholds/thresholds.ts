import { z } from 'zod';

// The alert levels of vScope's own colouring, in one place: the tables, the datacenter summary and the wall
// all judge a value the same way. A level is always shown with an icon or a word too, never colour alone.

export const AlertLevelSchema = z.enum(['ok', 'warning', 'critical']);
export type AlertLevel = z.infer<typeof AlertLevelSchema>;

export const ThresholdMetricSchema = z.enum([
  'cpuPercent',
  'memoryPercent',
  'cpuReadyPercent',
  'filerUsedPercent',
  'latencyMs',
]);
export type ThresholdMetric = z.infer<typeof ThresholdMetricSchema>;

export interface Threshold {
  warning: number;
  critical: number;
}

export const THRESHOLDS: Readonly<Record<ThresholdMetric, Threshold>> = {
  cpuPercent: { warning: 80, critical: 90 },
  memoryPercent: { warning: 80, critical: 90 },
  cpuReadyPercent: { warning: 3, critical: 5 },
  filerUsedPercent: { warning: 85, critical: 95 },
  latencyMs: { warning: 20, critical: 50 },
};

/** The level of a value; unknown values (null, NaN) are not judged healthy or unhealthy: they are `ok` only
 * in the sense of "no breach", and callers show them as "no data". */
export function alertLevel(metric: ThresholdMetric, value: number | null | undefined): AlertLevel {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'ok';
  const { warning, critical } = THRESHOLDS[metric];
  if (value >= critical) return 'critical';
  if (value >= warning) return 'warning';
  return 'ok';
}

const RANK: Record<AlertLevel, number> = { ok: 0, warning: 1, critical: 2 };

export function worstLevel(levels: Iterable<AlertLevel>): AlertLevel {
  let worst: AlertLevel = 'ok';
  for (const level of levels) if (RANK[level] > RANK[worst]) worst = level;
  return worst;
}

export function compareLevels(a: AlertLevel, b: AlertLevel): number {
  return RANK[a] - RANK[b];
}
