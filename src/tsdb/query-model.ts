import type { Aggregator } from './aggregators';
import type { DownsampleSpec } from './downsample-spec';
import type { RateOptions } from './rate';
import type { TagFilter } from './tag-filters';

// A validated OpenTSDB query: what the HTTP layer parses and the engine runs. Times are resolved epoch ms.

export interface SubQuery {
  /** Position after de-duplication, echoed by showQuery (Grafana maps results back with it). */
  readonly index: number;
  readonly metric: string;
  readonly aggregator: Aggregator;
  readonly downsample?: DownsampleSpec;
  readonly rate: boolean;
  readonly rateOptions: RateOptions;
  readonly filters: readonly TagFilter[];
  readonly explicitTags: boolean;
}

export interface TsQuery {
  readonly startMs: number;
  readonly endMs: number;
  readonly timezone: string;
  readonly msResolution: boolean;
  readonly showQuery: boolean;
  /** `dps` as `[[ts, value], ...]` instead of an object. */
  readonly arrays: boolean;
  readonly queries: readonly SubQuery[];
}
