import { signedUnit } from './random';
import { BUCKET_MS } from '@/shared/metrics/catalog';

// The shapes that make synthetic infrastructure look like real infrastructure: office-hours load with a
// quieter weekend, slow drifts, and a little jitter from one 5-minute bucket to the next.

export const BUCKETS_PER_HOUR = 3_600_000 / BUCKET_MS;
export const BUCKETS_PER_DAY = 24 * BUCKETS_PER_HOUR;

/**
 * Load in [0, 1] for a bucket: a peak in the European afternoon, a floor at night, weekends at a third.
 * UTC+1 is enough realism for a Paris/Roubaix-hosted cloud without a timezone database.
 */
export function activity(bucket: number): number {
  const hours = (bucket * BUCKET_MS + 3_600_000) / 3_600_000;
  const hour = hours % 24;
  // 1970-01-01 was a Thursday (4); Sunday is 0 and Saturday 6, as in Date#getUTCDay.
  const weekday = (Math.floor(hours / 24) + 4) % 7;
  const office = Math.exp(-(((hour - 14.5) / 4.5) ** 2));
  const level = 0.12 + 0.88 * office;
  return weekday === 0 || weekday === 6 ? level * 0.35 : level;
}

/** Smooth noise in [-1, 1]: random lattice values every `period` buckets, cosine-interpolated between. */
export function drift(key: number, bucket: number, period: number): number {
  const cell = Math.floor(bucket / period);
  const t = (bucket - cell * period) / period;
  const w = (1 - Math.cos(Math.PI * t)) / 2;
  return signedUnit(key, cell) * (1 - w) + signedUnit(key, cell + 1) * w;
}

/** Independent noise in [-1, 1] for each bucket. */
export function jitter(key: number, bucket: number): number {
  return signedUnit(key ^ 0x5bd1e995, bucket);
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
