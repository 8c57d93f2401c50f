import { TsdbError } from './errors';

// OpenTSDB's tsd.query.limits.data_points: a query that would make more data points than the limit is refused
// with a QueryException of status 413. The reference only says such an exception keeps "its own status", so
// the wording is OpenTSDB 2.4's SaltScanner, which QueryRpc sends as message only (no details).
// OpenTSDB counts the points each sub-query fetches; this engine counts each series' points as aggregation
// reads them (after downsampling and fill), summed over every group and sub-query. The answer is never larger,
// and it is what fills memory: a filled downsample multiplied by a group-by, not the few rows read.

/** A year of 5-minute points for nine series, or 400 points for 2 500 series. */
export const DEFAULT_MAX_DATA_POINTS = 1_000_000;

export function tooManyDataPoints(max: number): TsdbError {
  return new TsdbError(
    413,
    `Sorry, you have attempted to fetch more than our limit of ${max} data points. Please try filtering using more tags or decrease your time range.`,
  );
}

/** The points one query has made so far, shared by its sub-queries. */
export class DataPointBudget {
  private used = 0;

  constructor(private readonly max: number) {}

  fits(count: number): boolean {
    return this.used + count <= this.max;
  }

  /** Refuses before `count` more points are made if they would pass the limit. */
  check(count: number): void {
    if (this.fits(count)) return;
    // Sibling sub-queries stop at their next check instead of working on toward an answer never sent.
    this.used = Infinity;
    throw tooManyDataPoints(this.max);
  }

  spend(count: number): void {
    this.check(count);
    this.used += count;
  }
}
