import { BUCKET_MS, NIC_NAMES, type NicName } from '@/shared/metrics/catalog';
import type { NicField } from '@/shared/metrics/live-fields';
import { activity, BUCKETS_PER_DAY, BUCKETS_PER_HOUR, clamp, drift, jitter, round } from './rhythm';
import type { SimFiler, SimHost, SimVm } from './inventory';

// The moving half of the model: every live value is a pure function of (entity, 5-minute bucket). The OVH API
// renders the current bucket; the synthetic OpenTSDB series render every bucket of the range with the same
// functions, so a table's value is, by construction, the last point of its graph.

const YEAR_BUCKETS = 365 * BUCKETS_PER_DAY;
/** Filer growth is measured from a fixed instant so a bucket's value never depends on when the model was built. */
const GROWTH_ANCHOR_BUCKET = Date.UTC(2026, 0, 1) / BUCKET_MS;

/** Carries the host's capacities too, so the shared metric extractors can read it as they read an OVH Host. */
export interface HostLive {
  cpuUsed: number;
  cpuMax: number;
  memoryUsed: number;
  ram: { value: number };
  uptime: number;
}

export type NicLive = Record<NicField, number>;

/** Carries the VM's capacities too, so the shared metric extractors can read it as they read an OVH Vm. */
export interface VmLive {
  cpuMax: number;
  memoryMax: number;
  cpuUsed: number;
  memoryUsed: number;
  cpuReady: number;
  cpuReadyPercent: number;
  netRx: number;
  netTx: number;
  netPacketRx: number;
  netPacketTx: number;
  readPerSecond: number;
  writePerSecond: number;
  readRate: number;
  writeRate: number;
  readLatency: number;
  writeLatency: number;
}

export interface FilerLive {
  spaceUsed: number;
  spaceFree: number;
  spaceProvisionned: number;
}

export function hostLive(host: SimHost, bucket: number): HostLive {
  const load = activity(bucket);
  const cpu = clamp(
    host.cpuBase +
      0.25 * load +
      0.06 * drift(host.key, bucket, BUCKETS_PER_HOUR) +
      0.02 * jitter(host.key, bucket),
    0.01,
    0.995,
  );
  const mem = clamp(
    host.memBase + 0.04 * drift(host.key ^ 1, bucket, 6 * BUCKETS_PER_HOUR) + 0.03 * load,
    0.05,
    0.99,
  );
  return {
    cpuUsed: Math.round(host.cpuMax * cpu),
    cpuMax: host.cpuMax,
    memoryUsed: round(host.ramGb * 1024 * mem, 2),
    ram: host.ram,
    uptime: Math.max(0, Math.floor((bucket * BUCKET_MS - host.bootedAtMs) / 1000)),
  };
}

export function nicLive(host: SimHost, nic: NicName, bucket: number): NicLive {
  const n = NIC_NAMES.indexOf(nic);
  const scale = host.nicScale[n] ?? 0;
  const key = host.key ^ (0x1000 * (n + 1));
  const load = 0.15 + activity(bucket);
  const rx = scale * load * (1 + 0.25 * drift(key, bucket, BUCKETS_PER_HOUR) + 0.05 * jitter(key, bucket));
  const tx =
    scale *
    0.6 *
    load *
    (1 + 0.25 * drift(key ^ 7, bucket, BUCKETS_PER_HOUR) + 0.05 * jitter(key ^ 7, bucket));
  return {
    rx: round(Math.max(0, rx), 2),
    tx: round(Math.max(0, tx), 2),
    packetsRx: Math.round(Math.max(0, (rx * 1024) / 900)),
    packetsTx: Math.round(Math.max(0, (tx * 1024) / 900)),
  };
}

const IDLE = {
  cpuUsed: 0,
  memoryUsed: 0,
  cpuReady: 0,
  cpuReadyPercent: 0,
  netRx: 0,
  netTx: 0,
  netPacketRx: 0,
  netPacketTx: 0,
  readPerSecond: 0,
  writePerSecond: 0,
  readRate: 0,
  writeRate: 0,
  readLatency: 0,
  writeLatency: 0,
};

// A module-level function, not a closure in vmLive: it runs hundreds of thousands of times per history query.
function latency(base: number, busy: number, key: number, bucket: number): number {
  return round(Math.max(0.1, base * (1 + 0.5 * busy) * (1 + 0.25 * drift(key, bucket, BUCKETS_PER_HOUR))), 2);
}

/** Live values of a VM, or undefined for a deleted one (vCenter no longer reports on it). */
export function vmLive(vm: SimVm, bucket: number): VmLive | undefined {
  if (vm.powerState === 'deleted') return undefined;
  if (vm.powerState !== 'poweredOn') return { ...IDLE, cpuMax: vm.cpuMax, memoryMax: vm.memoryMaxMb };
  const { load: l, key } = vm;
  const busy = activity(bucket);
  const cpu = clamp(
    l.cpuBase + l.cpuSwing * busy + 0.08 * drift(key, bucket, BUCKETS_PER_HOUR) + 0.02 * jitter(key, bucket),
    0.003,
    1,
  );
  const mem = clamp(
    l.memBase + 0.06 * drift(key ^ 1, bucket, 6 * BUCKETS_PER_HOUR) + 0.03 * busy,
    0.02,
    0.99,
  );
  const traffic = (0.15 + busy) * (1 + 0.3 * drift(key ^ 2, bucket, BUCKETS_PER_HOUR));
  const disk = (0.15 + busy) * (1 + 0.3 * drift(key ^ 3, bucket, BUCKETS_PER_HOUR));
  // vCenter's real-time interval is 20 s: ready % = ready ms / 20 000 ms.
  const cpuReady = round(
    Math.max(0, l.readyMs * (0.6 + 0.6 * busy) * (1 + 0.2 * jitter(key ^ 4, bucket))),
    2,
  );
  const netRx = round(l.netKBps * traffic, 2);
  const netTx = round(l.netKBps * l.txRatio * traffic, 2);
  const readPerSecond = round(l.iops * disk, 2);
  const writePerSecond = round(l.iops * l.writeRatio * disk, 2);
  return {
    cpuMax: vm.cpuMax,
    memoryMax: vm.memoryMaxMb,
    cpuUsed: Math.round(vm.cpuMax * cpu),
    memoryUsed: Math.round(vm.memoryMaxMb * mem),
    cpuReady,
    cpuReadyPercent: round((cpuReady / 20_000) * 100, 2),
    netRx,
    netTx,
    netPacketRx: Math.round((netRx * 1024) / l.packetBytes),
    netPacketTx: Math.round((netTx * 1024) / l.packetBytes),
    readPerSecond,
    writePerSecond,
    readRate: round(readPerSecond * l.blockKB, 2),
    writeRate: round(writePerSecond * l.blockKB, 2),
    readLatency: latency(l.latencyMs, busy, key ^ 5, bucket),
    writeLatency: latency(l.latencyMs * 1.4, busy, key ^ 6, bucket),
  };
}

export function filerLive(filer: SimFiler, bucket: number): FilerLive {
  const years = (bucket - GROWTH_ANCHOR_BUCKET) / YEAR_BUCKETS;
  const used = clamp(
    filer.usedBase + filer.growthPerYear * years + 0.003 * drift(filer.key, bucket, BUCKETS_PER_DAY),
    0.02,
    0.995,
  );
  const spaceUsed = round(filer.sizeGb * used, 2);
  return {
    spaceUsed,
    spaceFree: round(filer.sizeGb - spaceUsed, 2),
    spaceProvisionned: round(spaceUsed * filer.provisionedRatio, 2),
  };
}
