import { z } from 'zod';
import type { PubliclyDescribed } from '../public-reason';

// Where history lives, seen through the OpenTSDB protocol only: an OpenTSDB cluster, OVH Metrics, the
// simulator's Metrics platform, or the embedded tsdb. The series planner and the recorder never know which.

export interface OpenTsdbSubQuery {
  metric: string;
  aggregator: string;
  downsample?: string;
  tags?: Record<string, string>;
}

export interface OpenTsdbQuery {
  start: number;
  end: number;
  msResolution?: boolean;
  /** Adds each result's sub-query, whose `index` maps results back to sub-queries. */
  showQuery?: boolean;
  queries: OpenTsdbSubQuery[];
}

export interface OpenTsdbPoint {
  metric: string;
  /** Epoch ms. */
  timestamp: number;
  value: number;
  tags: Record<string, string>;
}

/** OpenTSDB writes NaN as the string "NaN" and, with the null fill policy, empty buckets as null. */
const DpValue = z.union([z.number(), z.literal('NaN'), z.null()]);

export const OpenTsdbResultSchema = z.object({
  metric: z.string(),
  tags: z.record(z.string(), z.string()),
  aggregateTags: z.array(z.string()).default([]),
  query: z.object({ index: z.number() }).optional(),
  dps: z.union([z.record(z.string(), DpValue), z.array(z.tuple([z.number(), DpValue]))]),
});
export type OpenTsdbResult = z.infer<typeof OpenTsdbResultSchema>;
export const OpenTsdbResponseSchema = z.array(OpenTsdbResultSchema);

export interface OpenTsdbEndpoint {
  /** A human-readable name for logs and errors (never with credentials). */
  readonly label: string;
  query(query: OpenTsdbQuery, signal?: AbortSignal): Promise<OpenTsdbResult[]>;
  put(points: readonly OpenTsdbPoint[], signal?: AbortSignal): Promise<void>;
}

export class OpenTsdbError extends Error implements PubliclyDescribed {
  constructor(
    /** The HTTP status, or 0 when the store could not be reached. */
    readonly status: number,
    label: string,
    /** What went wrong, without the label: what crosses from the embedded tsdb's thread. */
    readonly detail: string,
  ) {
    super(`${label}: ${detail}`);
    this.name = 'OpenTsdbError';
  }

  /** The label names the store's host and the detail may quote its raw answer: neither is for viewers. */
  get publicReason(): string {
    return this.status === 0
      ? 'the time-series store cannot be reached'
      : `the time-series store answered ${this.status}`;
  }

  /** OpenTSDB's 400 for a metric it has never seen: for a graph, simply no data yet. */
  get unknownMetric(): boolean {
    return this.status === 400 && this.message.includes("No such name for 'metrics'");
  }
}
