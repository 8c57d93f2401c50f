import { CAPACITY_POLICY_NAME } from '../src/shared/capacity/catalog';
import type { DatacenterRef } from '../src/shared/api/displays';
import { createMeteringServer, type MeteringEngine } from '../src/metering';

// A year of provisioned vCPUs for `vms` VMs of one datacenter, loaded into an engine that already holds the
// capacity policy and resource types (the dashboard's sync creates them on its first pass): each VM through the
// REST API, as the sync creates it, with the attributes the Capacity page filters and groups on; its year of
// measures straight into the measure store, which is what the batch route would do with them, to keep the
// set-up short. The measures are at the rollup policy's granularities (a day of 5-minute points, a week of
// 30-minute ones, a month of 2-hour ones, then daily), ending now.

const DAY_S = 86_400;
const FOLDERS = 50;
const WRITE_BATCH = 500;

/** A year of one VM's vCPUs up to `nowS`, at each age the finest granularity the policy keeps for it. */
function yearOfVcpus(
  nowS: number,
  vcpus: number,
  resizedAtS: number,
): { timestampsUs: Float64Array; values: Float64Array } {
  const times: number[] = [];
  const steps: [fromAgeS: number, toAgeS: number, stepS: number][] = [
    [366 * DAY_S, 31 * DAY_S, DAY_S],
    [31 * DAY_S, 7 * DAY_S, 7_200],
    [7 * DAY_S, DAY_S, 1_800],
    [DAY_S, 0, 300],
  ];
  for (const [from, to, step] of steps) for (let age = from; age > to; age -= step) times.push(nowS - age);
  const timestampsUs = Float64Array.from(times, (t) => t * 1e6);
  // A VM resized once in the year: the chart has a step to draw.
  const values = Float64Array.from(times, (t) => (t < resizedAtS ? vcpus : vcpus * 2));
  return { timestampsUs, values };
}

/** Loads the year into `engine` and returns the seconds it took. */
export async function loadYearOfVcpus(
  engine: MeteringEngine,
  dc: DatacenterRef & { name: string },
  vms: number,
): Promise<number> {
  const started = performance.now();
  // Five-minute aligned, as the recorder's points are: the page's buckets start on them.
  const nowS = Math.floor(Date.now() / 300_000) * 300;
  const writer = await createMeteringServer({ engine });
  try {
    const policy = engine.indexer.getArchivePolicy(CAPACITY_POLICY_NAME);
    let batch: { metricId: string; policy: typeof policy; measures: ReturnType<typeof yearOfVcpus> }[] = [];
    for (let i = 0; i < vms; i++) {
      const response = await writer.inject({
        method: 'POST',
        url: '/v1/resource/vm',
        headers: { authorization: `Basic ${Buffer.from('vscope:').toString('base64')}` },
        payload: {
          id: `vm-capacity-bench-${i}`,
          name: `vm-${i}`,
          service: dc.serviceName,
          datacenter: dc.name,
          datacenter_id: dc.datacenterId,
          folder: `folder-${i % FOLDERS}`,
          power_state: i % 10 === 0 ? 'poweredOff' : 'poweredOn',
          metrics: { vcpus: { archive_policy_name: CAPACITY_POLICY_NAME } },
        },
      });
      if (response.statusCode >= 300) throw new Error(`VM ${i}: ${response.statusCode} ${response.body}`);
      const { metrics } = JSON.parse(response.body) as { metrics: Record<string, string> };
      batch.push({
        metricId: metrics.vcpus!,
        policy,
        measures: yearOfVcpus(nowS, 1 + (i % 8), nowS - (i % 300) * DAY_S),
      });
      if (batch.length === WRITE_BATCH) {
        await engine.store.addMeasuresBatch(batch);
        batch = [];
      }
    }
    await engine.store.addMeasuresBatch(batch);
  } finally {
    await writer.close();
  }
  return (performance.now() - started) / 1000;
}
