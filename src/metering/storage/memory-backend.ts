import type { Series } from '../carbonara/aggregate';
import type { MetricMeta, MetricState, StorageBackend } from './backend';
import { CHUNK_POINTS, packChunkRunsTransient, unpackChunkRuns } from './backend';

// A large datacenter is metered in hundreds of thousands of metrics (DEMO_VMS=20000: some 200 000) of 24
// (granularity, method) aggregates each, and a typed array costs V8 about a hundred bytes before its first
// value: kept as objects, a metric weighed 19 kB after a single measure. So everything is kept packed, as the
// SQLite backend writes it, in latin1 strings (a string costs 16 bytes over its content, inside the heap) and
// unpacked on each read: chunks packed as runs, and a metric's state as doubles. A (granularity, method) pair
// is numbered once for the whole store, so that a metric's chunk directory is numbers, not strings.

interface StoredMetric {
  /** The packed state (see packState); undefined until the first putState. */
  state: string | undefined;
  /** (pair number, chunk number) for each chunk, ascending; `blobs[i]` is the chunk at keys[2i], keys[2i + 1]. */
  keys: number[];
  blobs: string[];
}

/** A copy of `text`'s bytes in a buffer of its own, aligned for typed views. */
function bytesOf(text: string): Buffer {
  const bytes = Buffer.alloc(text.length);
  bytes.write(text, 'latin1');
  return bytes;
}

/** Where a chunk's string is turned back into bytes to be unpacked (a chunk is at most 14 bytes a point). */
const chunkScratch = Buffer.allocUnsafeSlow(8 + 14 * CHUNK_POINTS);

function unpackChunk(text: string, granularityUs: number, chunk: number): Series {
  const bytes =
    text.length <= chunkScratch.length
      ? chunkScratch.subarray(0, chunkScratch.write(text, 'latin1'))
      : Buffer.from(text, 'latin1');
  return unpackChunkRuns(bytes, granularityUs, chunk);
}

/**
 * Ascending timestamps as runs [first, step, length] whose points are exactly first + i × step (a run of one
 * has step 0).
 */
function timestampRuns(timestamps: Float64Array): [number, number, number][] {
  const runs: [number, number, number][] = [];
  let run: [number, number, number] | undefined;
  for (const t of timestamps) {
    // A point joins a run only if the sum that unpacks it gives it back exactly.
    if (run && run[2] === 1 && run[0] + (t - run[0]) === t) {
      run[1] = t - run[0];
      run[2] = 2;
    } else if (run && run[2] > 1 && run[0] + run[2] * run[1] === t) run[2]++;
    else runs.push((run = [t, 0, 1]));
  }
  return runs;
}

/** The first entry of `keys` at or after (pair, chunk). */
function position(keys: readonly number[], pair: number, chunk: number): number {
  let lo = 0;
  let hi = keys.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const midPair = keys[2 * mid]!;
    if (midPair < pair || (midPair === pair && keys[2 * mid + 1]! < chunk)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The engine without --data: the same chunks as SQLite keeps, packed the same way, in maps. */
export class MemoryBackend implements StorageBackend {
  private readonly metrics = new Map<string, StoredMetric>();
  /** `granularity|method` (the key of MetricMeta.expiredBelow) → its number, and back. */
  private readonly pairNumbers = new Map<string, number>();
  private readonly pairKeys: string[] = [];
  /** method → granularity → pair number: chunks are read and written without building the key string. */
  private readonly pairsByMethod = new Map<string, Map<number, number>>();

  private pair(key: string): number {
    let number = this.pairNumbers.get(key);
    if (number === undefined) {
      number = this.pairKeys.length;
      this.pairNumbers.set(key, number);
      this.pairKeys.push(key);
    }
    return number;
  }

  private chunkPair(granularityUs: number, method: string): number {
    let byGranularity = this.pairsByMethod.get(method);
    if (!byGranularity) {
      byGranularity = new Map();
      this.pairsByMethod.set(method, byGranularity);
    }
    let number = byGranularity.get(granularityUs);
    if (number === undefined) {
      number = this.pair(`${granularityUs}|${method}`);
      byGranularity.set(granularityUs, number);
    }
    return number;
  }

  /** Reads and deletions look pairs up without numbering them: a pair never written has no chunk to find. */
  private chunksOf(metricId: string, granularityUs: number, method: string) {
    const metric = this.metrics.get(metricId);
    const pair = this.pairsByMethod.get(method)?.get(granularityUs);
    return metric === undefined || pair === undefined ? undefined : { metric, pair };
  }

  private metric(metricId: string): StoredMetric {
    let metric = this.metrics.get(metricId);
    if (!metric) {
      metric = { state: undefined, keys: [], blobs: [] };
      this.metrics.set(metricId, metric);
    }
    return metric;
  }

  /**
   * The state as doubles: [timespan count T, expiry count E, bound length N, timestamp run count R],
   * T × [granularity, timespan or NaN for none], E × [pair number, chunk], the bound's timestamps (R × [first,
   * step, length] when R > 0, else the N of them), then its N values. Measures come at a steady pace, so a
   * day of them is usually one run: half the bytes of the raw measures kept.
   */
  private packState(state: MetricState): string {
    const { timespans, expiredBelow } = state.meta;
    const expiries = Object.entries(expiredBelow);
    const { timestamps, values } = state.bound;
    const n = timestamps.length;
    const runs = timestampRuns(timestamps);
    const r = 3 * runs.length < n ? runs.length : 0;
    const headerLength = 4 + 2 * timespans.length + 2 * expiries.length;
    const timesLength = r > 0 ? 3 * r : n;
    const packed = new Float64Array(headerLength + timesLength + n);
    packed.set([timespans.length, expiries.length, n, r]);
    let k = 4;
    for (const [granularityUs, timespanUs] of timespans) {
      packed[k++] = granularityUs;
      packed[k++] = timespanUs ?? NaN;
    }
    for (const [key, chunk] of expiries) {
      packed[k++] = this.pair(key);
      packed[k++] = chunk;
    }
    if (r > 0) for (const run of runs) packed.set(run, (k += 3) - 3);
    else packed.set(timestamps, k);
    packed.set(values, headerLength + timesLength);
    return Buffer.from(packed.buffer).toString('latin1');
  }

  private unpackMeta(packed: Float64Array): MetricMeta {
    const t = packed[0]!;
    const e = packed[1]!;
    const timespans: (readonly [number, number | null])[] = [];
    let k = 4;
    for (let i = 0; i < t; i++, k += 2) {
      const timespanUs = packed[k + 1]!;
      timespans.push([packed[k]!, Number.isNaN(timespanUs) ? null : timespanUs]);
    }
    const expiredBelow: Record<string, number> = {};
    for (let i = 0; i < e; i++, k += 2) expiredBelow[this.pairKeys[packed[k]!]!] = packed[k + 1]!;
    return { timespans, expiredBelow };
  }

  getState(metricId: string): MetricState | undefined {
    const text = this.metrics.get(metricId)?.state;
    if (text === undefined) return undefined;
    const packed = new Float64Array(bytesOf(text).buffer);
    const n = packed[2]!;
    const r = packed[3]!;
    const valuesAt = packed.length - n;
    let timestamps: Float64Array;
    if (r === 0) timestamps = packed.subarray(valuesAt - n, valuesAt);
    else {
      timestamps = new Float64Array(n);
      let k = 0;
      for (let at = valuesAt - 3 * r; at < valuesAt; at += 3)
        for (let i = 0; i < packed[at + 2]!; i++) timestamps[k++] = packed[at]! + i * packed[at + 1]!;
    }
    return { meta: this.unpackMeta(packed), bound: { timestamps, values: packed.subarray(valuesAt) } };
  }

  getMeta(metricId: string): MetricMeta | undefined {
    const text = this.metrics.get(metricId)?.state;
    return text === undefined ? undefined : this.unpackMeta(new Float64Array(bytesOf(text).buffer));
  }

  putState(metricId: string, state: MetricState): void {
    this.metric(metricId).state = this.packState(state);
  }

  getChunk(metricId: string, granularityUs: number, method: string, chunk: number): Series | undefined {
    const found = this.chunksOf(metricId, granularityUs, method);
    if (!found) return undefined;
    const { metric, pair } = found;
    const i = position(metric.keys, pair, chunk);
    if (metric.keys[2 * i] !== pair || metric.keys[2 * i + 1] !== chunk) return undefined;
    return unpackChunk(metric.blobs[i]!, granularityUs, chunk);
  }

  putChunk(metricId: string, granularityUs: number, method: string, chunk: number, series: Series): void {
    const metric = this.metric(metricId);
    const pair = this.chunkPair(granularityUs, method);
    const i = position(metric.keys, pair, chunk);
    const found = metric.keys[2 * i] === pair && metric.keys[2 * i + 1] === chunk;
    if (series.timestamps.length === 0) {
      if (found) this.remove(metric, i, i + 1);
      return;
    }
    const blob = packChunkRunsTransient(series, granularityUs, chunk).toString('latin1');
    if (found) metric.blobs[i] = blob;
    else {
      // Copies of the exact length: arrays grown in place keep spare room, per metric.
      metric.keys = metric.keys.toSpliced(2 * i, 0, pair, chunk);
      metric.blobs = metric.blobs.toSpliced(i, 0, blob);
    }
  }

  private remove(metric: StoredMetric, from: number, to: number): void {
    if (to <= from) return;
    metric.keys = metric.keys.toSpliced(2 * from, 2 * (to - from));
    metric.blobs = metric.blobs.toSpliced(from, to - from);
  }

  deleteChunksBelow(metricId: string, granularityUs: number, method: string, chunk: number): void {
    const found = this.chunksOf(metricId, granularityUs, method);
    if (!found) return;
    const { metric, pair } = found;
    this.remove(metric, position(metric.keys, pair, -Infinity), position(metric.keys, pair, chunk));
  }

  listChunks(
    metricId: string,
    granularityUs: number,
    method: string,
    fromChunk: number,
    toChunk: number,
  ): Series[] {
    const found = this.chunksOf(metricId, granularityUs, method);
    if (!found) return [];
    const { metric, pair } = found;
    const parts: Series[] = [];
    for (let i = position(metric.keys, pair, fromChunk); i < metric.blobs.length; i++) {
      const chunk = metric.keys[2 * i + 1]!;
      if (metric.keys[2 * i] !== pair || chunk > toChunk) break;
      parts.push(unpackChunk(metric.blobs[i]!, granularityUs, chunk));
    }
    return parts;
  }

  deleteMetric(metricId: string): void {
    this.metrics.delete(metricId);
  }

  transaction<T>(fn: () => T): T {
    // Nothing to roll back to: a batch is validated before anything is written.
    return fn();
  }

  close(): void {
    this.metrics.clear();
  }
}
