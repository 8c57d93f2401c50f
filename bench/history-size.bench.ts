import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EmbeddedOpenTsdbEndpoint } from '../src/server/upstream/opentsdb/embedded-endpoint';
import type { OpenTsdbPoint } from '../src/server/upstream/opentsdb/endpoint';
import { CATALOG, datacenterTag } from '../src/shared/metrics/catalog';
import { buildInventory, DEFAULT_SIZE } from '../src/simulator/model/inventory';
import { vmLive } from '../src/simulator/model/live-values';
import { SqliteStore } from '../src/tsdb';
import { decodeBuckets, decodePoints } from '../src/tsdb/chunk-codec';
import { chunkLevelOfKey, chunkStartOfKey } from '../src/tsdb/sealed-chunks';
import { printFigures, timeMs, type Figure } from './report';

// The embedded history's size on disk after a simulated year, rollups and pruning included: VMs of the
// simulator recorded every poll (the server's default 120 s) through the endpoint the recorder writes to, ten
// minutes of polls per put so a year fits in minutes. Ten minutes is the store's maintenance interval, so its
// head holds what a server's would: with a day a put (and the endpoint's 1 000-point transactions) the store
// sealed only after the first transaction of each day, and the last day stayed in the head, 28 kB a series
// more. Each poll gets a fresh value (the simulator's own values hold for 5 minutes; OVH's move with every
// poll), so nothing is flattered by repeats.
// HISTORY_BENCH_SERIES=N records ⌈N / 13⌉ VMs (13 metrics each); the default, one VM, wrote its year in 2 to 4
// minutes on a shared 2-core machine. With 13 series the five one-page tables add 1.5 kB a series.

const DAY = 86_400_000;
const POLL_MS = 120_000;
const YEAR_DAYS = 366;
const PUT_MS = 10 * 60_000;
/** A row per point and per bucket, as the store kept them before chunks: this bench at 57d2551, one VM. */
const ROWS_KB_PER_SERIES = 120;

function recordedVms(count: number, now: number) {
  const inventory = buildInventory(7, { ...DEFAULT_SIZE, datacenters: 1, vms: count * 3 }, now);
  const service = inventory.services[0]!;
  const dc = service.datacenters[0]!;
  const where = { datacenter: datacenterTag(service.serviceName, dc.name), servicename: service.serviceName };
  const vms = dc.vms.filter((vm) => vm.powerState === 'poweredOn').slice(0, count);
  if (vms.length < count) throw new Error(`the simulator powered on ${vms.length} VMs, not ${count}`);
  return { vms, where };
}

/** Table → bytes of its pages, and rows per table and rollup level. */
function onDisk(file: string) {
  const db = new Database(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const beforeVacuum = statSync(file).size;
    db.exec('VACUUM');
    // In WAL mode the vacuumed database is in the log until a checkpoint writes it back.
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = db
      .prepare<[], { name: string; bytes: number }>(
        'SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC',
      )
      .all();
    const head = db
      .prepare<[], { level: number; rows: number }>(
        'SELECT 0 AS level, COUNT(*) AS rows FROM raw UNION ALL SELECT level, COUNT(*) FROM rollup GROUP BY level',
      )
      .all();
    const levels = new Map(head.map((r) => [r.level, { head: r.rows, chunks: 0, sealed: 0, derived: 0 }]));
    const chunks = db.prepare<[], { key: number; data: Buffer }>('SELECT key, data FROM chunk');
    for (const c of chunks.iterate()) {
      const id = chunkLevelOfKey(c.key);
      const level = levels.get(id) ?? { head: 0, chunks: 0, sealed: 0, derived: 0 };
      level.chunks++;
      // An empty chunk holds buckets computed again from raw points when read.
      if (c.data.length === 0) level.derived++;
      else level.sealed += (id === 0 ? decodePoints : decodeBuckets)(c.data, chunkStartOfKey(c.key)).length;
      levels.set(id, level);
    }
    return {
      beforeVacuum,
      afterVacuum: statSync(file).size,
      pages,
      levels: [...levels].sort(([a], [b]) => a - b),
    };
  } finally {
    db.close();
  }
}

export async function historySizeBench(): Promise<void> {
  const vmCount = Math.max(1, Math.ceil(Number(process.env.HISTORY_BENCH_SERIES ?? 13) / 13));
  const now = Date.UTC(2026, 10, 23, 14, 37);
  const dir = mkdtempSync(join(tmpdir(), 'history-size-'));
  try {
    const { vms, where } = recordedVms(vmCount, now);
    let clock = now - YEAR_DAYS * DAY;
    const store = SqliteStore.open(dir, { now: () => clock });
    const endpoint = new EmbeddedOpenTsdbEndpoint(store, () => clock);
    let series = 0;
    let points = 0;
    const started = performance.now();
    for (let from = now - YEAR_DAYS * DAY; from < now; from += PUT_MS) {
      const batch: OpenTsdbPoint[] = [];
      for (let ts = from; ts < from + PUT_MS; ts += POLL_MS) {
        for (const vm of vms) {
          const live = vmLive(vm, ts / POLL_MS);
          if (!live) continue;
          const tags = { ...where, vm: vm.name };
          for (const [metric, value] of Object.entries(CATALOG.valuesOf('vm', live)))
            batch.push({ metric, timestamp: ts, value, tags });
        }
        clock = ts;
      }
      await endpoint.put(batch);
      // A server has two minutes between polls for the pass a put started, running in the background.
      await store.maintained();
      points += batch.length;
      series = batch.length / (PUT_MS / POLL_MS);
    }
    const writeSeconds = (performance.now() - started) / 1000;

    const vm = vms[0]!.name;
    const graph = (days: number, downsample?: string) => ({
      start: now - days * DAY,
      end: now,
      queries: CATALOG.metricsOf('vm').map((m) => ({
        metric: m.name,
        aggregator: 'avg',
        downsample,
        tags: { vm },
      })),
    });
    const yearMs = await timeMs('year', () => endpoint.query(graph(365, '1d-avg')), 20);
    const weekMs = await timeMs('week', () => endpoint.query(graph(7, '30m-avg')), 20);
    const dayMs = await timeMs('day', () => endpoint.query(graph(1, '5m-avg')), 20);
    const dayRawMs = await timeMs('day raw', () => endpoint.query(graph(1)), 20);
    await store.close();

    const disk = onDisk(join(dir, 'tsdb.sqlite'));
    const figures: Figure[] = [
      {
        name: `series recorded (${vms.length} VMs × 13 metrics, a poll every ${POLL_MS / 1000} s)`,
        value: series,
        unit: 'series',
      },
      { name: 'points written over the year', value: points, unit: 'points' },
      { name: 'write time for the year (ten minutes of polls per put)', value: writeSeconds, unit: 's' },
      { name: 'write throughput', value: points / writeSeconds, unit: 'points/s' },
      {
        name: 'file after checkpoint, before VACUUM, per series',
        value: disk.beforeVacuum / series / 1024,
        unit: 'kB',
      },
      {
        name: 'file after VACUUM, per series',
        value: disk.afterVacuum / series / 1024,
        unit: 'kB',
        target: 20,
      },
      {
        name: `  a row per point and bucket took ${ROWS_KB_PER_SERIES} kB a series: ratio`,
        value: ROWS_KB_PER_SERIES / (disk.afterVacuum / series / 1024),
        unit: '×',
      },
      ...disk.pages.map((p) => ({
        name: `  pages of ${p.name}, per series`,
        value: p.bytes / series / 1024,
        unit: 'kB',
      })),
      ...disk.levels.flatMap(([level, rows]) => {
        const name = level === 0 ? 'raw points' : `rollup level ${level}`;
        return [
          { name: `  ${name} in head rows, per series`, value: rows.head / series, unit: 'rows' },
          { name: `  ${name} sealed, per series`, value: rows.sealed / series, unit: 'entries' },
          { name: `  ${name} chunks, per series`, value: rows.chunks / series, unit: 'chunks' },
          {
            name: `  ${name} chunks given back by raw points, per series`,
            value: rows.derived / series,
            unit: 'chunks',
          },
        ];
      }),
      { name: 'Year graph of one VM (13 metrics, 1d-avg)', value: yearMs, unit: 'ms' },
      { name: 'Week graph of one VM (13 metrics, 30m-avg)', value: weekMs, unit: 'ms' },
      { name: 'Day graph of one VM (13 metrics, 5m-avg)', value: dayMs, unit: 'ms' },
      { name: 'Day of raw points of one VM (13 metrics)', value: dayRawMs, unit: 'ms' },
    ];
    printFigures('history size', figures);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
