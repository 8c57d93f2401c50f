import type { ReadWindow } from './store';

// vCenter's statistics levels: raw points for a short while, then 5-minute, 30-minute, 2-hour and 1-day
// buckets kept for a day, a week, a month and a year. A year of one series is ~365 + 360 + 336 + 288 rows.

export interface RollupLevel {
  /** Stable id stored in the database. */
  readonly id: number;
  readonly intervalMs: number;
  readonly retentionMs: number;
  /** Closed spans of this width are sealed into one compressed chunk per series (see sealed-chunks.ts). */
  readonly chunkMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Chunk widths trade the rows of the open head (up to a chunk's worth a level, some 45 bytes each) against
// what a chunk costs beyond its data (a dozen bytes of row, and deflate's start-up on a short input): 24 to 48
// buckets a chunk measured smallest. The 5-minute level's chunks are usually empty (its raw points give its
// buckets back), so they can be short and keep the head short.
export const DEFAULT_ROLLUP_LEVELS: readonly RollupLevel[] = [
  { id: 1, intervalMs: 5 * MINUTE, retentionMs: DAY, chunkMs: 2 * HOUR },
  { id: 2, intervalMs: 30 * MINUTE, retentionMs: 7 * DAY, chunkMs: 12 * HOUR },
  { id: 3, intervalMs: 2 * HOUR, retentionMs: 30 * DAY, chunkMs: 2 * DAY },
  { id: 4, intervalMs: DAY, retentionMs: 365 * DAY, chunkMs: 16 * DAY },
];

/** Raw points are sealed in chunks too, under their own level id; at a 120 s poll a chunk holds 60 points. */
export const RAW_LEVEL_ID = 0;
export const RAW_CHUNK_MS = 2 * HOUR;

/** Raw points outlive the 5-minute level a little so a Day graph always reads exact values. */
export const DEFAULT_RAW_RETENTION_MS = 2 * DAY;

/**
 * Rows are kept a day past their retention: a query's scan window starts aligned down (to its interval, then
 * the hour), so a Week graph at 30 minutes must still find the 30-minute level although it starts before
 * "now - 7 days". Coverage and pruning use the same bound, so a covering level really holds the rows.
 */
const RETENTION_SLACK_MS = DAY;

export function keptFromMs(newestMs: number, retentionMs: number): number {
  return newestMs - retentionMs - RETENTION_SLACK_MS;
}

export type ReadSource = { readonly kind: 'raw' } | { readonly kind: 'rollup'; readonly level: RollupLevel };

/**
 * Chooses where to answer a read from. `newestMs` is the store's present (the newest point written, capped at
 * the clock), so retention is measured from the data, not the wall clock. Preference: the coarsest rollup that
 * covers the window and divides the requested resolution (exact and smallest); else raw if it covers; else the
 * finest covering rollup (approximate, as vCenter); else the longest-kept level.
 */
export function chooseReadSource(
  window: ReadWindow,
  newestMs: number,
  rawRetentionMs: number,
  levels: readonly RollupLevel[],
): ReadSource {
  const covers = (retentionMs: number) => window.startMs >= keptFromMs(newestMs, retentionMs);
  const covering = levels.filter((l) => covers(l.retentionMs));
  const resolution = window.resolutionMs;
  if (resolution !== undefined) {
    const exact = covering.filter((l) => resolution % l.intervalMs === 0);
    const coarsest = exact[exact.length - 1];
    if (coarsest) return { kind: 'rollup', level: coarsest };
  }
  if (covers(rawRetentionMs)) return { kind: 'raw' };
  const finest = covering[0] ?? levels[levels.length - 1];
  return finest ? { kind: 'rollup', level: finest } : { kind: 'raw' };
}
