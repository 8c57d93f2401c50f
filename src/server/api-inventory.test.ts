import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import {
  DatacenterSummaryResponseSchema,
  FilerListSchema,
  HostListSchema,
  ServiceListSchema,
  VmDetailsResponseSchema,
  VmListSchema,
  VmRowSchema,
  type InventoryKind,
} from '../shared/api/inventory';
import { FilerSchema, HostSchema } from '../shared/ovh/models';
import { signedInject } from '../simulator/testing/signed-inject';
import { BATCH_SIZE } from './upstream/ovh/fetch-all';
import { summarizeDatacenter } from './inventory/summary';
import { DEMO_ADMIN, DEMO_VIEWER, startApiHarness, type ApiHarness } from './testing/api-harness';

// The inventory API against the simulator: what users may see, that what they see is what OVH (here the
// simulator) serves, how much it costs the upstream, and what happens when the upstream fails.

const POLL_MS = 120_000;

let h: ApiHarness;
let admin: string;
let viewer: string;
let dc1: number;
let dc2: number;
beforeAll(async () => {
  h = await startApiHarness();
  admin = await h.login(DEMO_ADMIN.username, DEMO_ADMIN.password);
  viewer = await h.login(DEMO_VIEWER.username, DEMO_VIEWER.password);
  [dc1, dc2] = h.datacenterIds as [number, number];
});
afterAll(() => h.close());

/**
 * Polls until the services list and `paths` answer fresh. Readers get the cached copy while a refresh runs, so
 * a test that counts the upstream requests a refresh made lets that refresh land first.
 */
async function untilFresh(...paths: string[]) {
  await vi.waitFor(
    async () => {
      for (const path of ['/api/services', ...paths]) {
        expect((await h.json<{ stale: boolean }>(path, admin)).stale, path).toBe(false);
      }
    },
    { timeout: 10_000, interval: 50 },
  );
}

/**
 * The simulator's objects of a collection, read as a client would: the id list, then each object. These reads
 * count in the simulator's request counters too, so tests read the counters before comparing.
 */
async function simulatorObjects(listPath: string): Promise<Record<string, unknown>[]> {
  const now = h.clock.now();
  const ids = (await signedInject(h.sim.app, now, { path: listPath })).json<number[]>();
  const objects = [];
  for (const id of ids)
    objects.push((await signedInject(h.sim.app, now, { path: `${listPath}/${id}` })).json());
  return objects as Record<string, unknown>[];
}

const SIM_PATHS: Record<InventoryKind, (sn: string, dc: number) => string[]> = {
  hosts: (sn, dc) => [`/dedicatedCloud/${sn}/datacenter/${dc}/host`],
  vms: (sn, dc) => [`/dedicatedCloud/${sn}/datacenter/${dc}/vm`],
  filers: (sn, dc) => [`/dedicatedCloud/${sn}/datacenter/${dc}/filer`, `/dedicatedCloud/${sn}/filer`],
};
const ID: Record<InventoryKind, string> = { hosts: 'hostId', vms: 'vmId', filers: 'filerId' };
const DERIVED: Record<InventoryKind, string[]> = {
  hosts: ['cpuPercent', 'memoryPercent'],
  vms: ['cpuPercent', 'memoryPercent'],
  filers: ['global', 'usedPercent', 'provisionedPercent'],
};
const SCHEMAS = { hosts: HostListSchema, vms: VmListSchema, filers: FilerListSchema };
/** The fields of OVH's objects each list sends: hosts and filers whole, VMs what the pages show. */
const LISTED: Record<InventoryKind, z.ZodObject> = {
  hosts: HostSchema,
  vms: VmRowSchema.omit({ cpuPercent: true, memoryPercent: true }),
  filers: FilerSchema,
};

/** Asserts the server's list is exactly the simulator's objects as the list keeps them, plus the derived figures. */
async function expectListEqualsSimulator(kind: InventoryKind, dc: number) {
  const list = SCHEMAS[kind].parse(await h.json(h.dcPath(kind, dc), admin));
  const served = (list.items as Record<string, unknown>[]).map((item) => {
    const copy = { ...item };
    for (const field of DERIVED[kind]) delete copy[field];
    return copy;
  });
  const expected = (await Promise.all(SIM_PATHS[kind](h.serviceName, dc).map(simulatorObjects)))
    .flat()
    .map((object) => LISTED[kind].parse(object));
  const byId = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    Number(a[ID[kind]]) - Number(b[ID[kind]]);
  expect(served.length).toBeGreaterThan(0);
  expect(served.sort(byId)).toEqual(expected.sort(byId));
  return list;
}

describe('rights', () => {
  it('lists every datacenter to an administrator and only the first to the demo viewer', async () => {
    const all = ServiceListSchema.parse(await h.json('/api/services', admin));
    expect(all.items.map((s) => s.serviceName)).toEqual([h.serviceName]);
    expect(all.items[0]!.datacenters.map((d) => d.datacenterId)).toEqual([dc1, dc2]);
    expect(all.pollIntervalMs).toBe(POLL_MS);

    const mine = ServiceListSchema.parse(await h.json('/api/services', viewer));
    expect(mine.items[0]!.datacenters.map((d) => d.datacenterId)).toEqual([dc1]);
  });

  it('gives a PCC user the rights of that user alone, not of every user OVH’s LIKE name filter returns', async () => {
    // The simulator's `?name=dev` also returns `devops`, who may see the last datacenter only.
    const visible = async (cookie: string) =>
      ServiceListSchema.parse(await h.json('/api/services', cookie)).items.flatMap((s) =>
        s.datacenters.map((d) => d.datacenterId),
      );
    expect(await visible(viewer)).toEqual([dc1]);
    expect(await visible(await h.login('dev', 'dev-demo', 'vsphere'))).toEqual([dc1]);
    expect(await visible(await h.login('devops', 'devops-demo', 'vsphere'))).toEqual([dc2]);
    const body = await h.json<{ error: { code: string } }>(h.dcPath('vms', dc2), viewer, 403);
    expect(body.error.code).toBe('forbidden');
  });

  it('answers 403 on a datacenter the user has no rights on, on every route', async () => {
    for (const tail of ['hosts', 'vms', 'filers', 'summary', 'hosts/1/series?period=day']) {
      const body = await h.json<{ error: { code: string } }>(h.dcPath(tail, dc2), viewer, 403);
      expect(body.error.code).toBe('forbidden');
    }
    expect((await h.request(h.dcPath('hosts', dc1), { cookie: viewer })).status).toBe(200);
  });

  it('answers one VM’s details to whoever may see its datacenter’s list, and no one else', async () => {
    const vmIn = (dc: number) =>
      h.sim.inventory.services[0]!.datacenters.find((d) => d.datacenterId === dc)!.vms[0]!.vmId;
    const details = (dc: number, vmId: number | string = vmIn(dc)) => h.dcPath(`vms/${vmId}`, dc);
    expect((await h.request(details(dc1))).status).toBe(401);
    for (const path of [details(dc2), details(dc2, 999_999)]) {
      expect((await h.json<{ error: { code: string } }>(path, viewer, 403)).error.code).toBe('forbidden');
    }
    await h.simAdmin('POST', '/counters/reset');
    for (const cookie of [admin, viewer]) {
      expect((await h.json<{ error: { code: string } }>(details(dc1, 999_999), cookie, 404)).error.code).toBe(
        'not_found',
      );
      expect((await h.request(details(999_999, 1), { cookie })).status).toBe(404);
      for (const malformed of ['abc', '-1', '1.5']) {
        expect(
          (await h.json<{ error: { code: string } }>(details(dc1, malformed), cookie, 400)).error.code,
        ).toBe('bad_request');
      }
    }
    // Refused or unknown, nothing was asked of OVH's VMs.
    expect(Object.keys(await h.counters()).filter((route) => route.includes('/vm/'))).toEqual([]);
    VmDetailsResponseSchema.parse(await h.json(details(dc1), viewer));
    VmDetailsResponseSchema.parse(await h.json(details(dc2), admin));
  });

  it('answers 404 on an unknown datacenter or service, whoever asks, and 400 on malformed ones', async () => {
    for (const cookie of [admin, viewer]) {
      expect((await h.request(h.dcPath('hosts', 999_999), { cookie })).status).toBe(404);
      expect((await h.request(h.dcPath('summary', 999_999), { cookie })).status).toBe(404);
      expect((await h.request(`/api/services/pcc-0-0-0-0/datacenters/${dc1}/vms`, { cookie })).status).toBe(
        404,
      );
    }
    for (const tail of ['disks', 'summaries']) {
      const body = await h.json<{ error: { code: string } }>(h.dcPath(tail, dc1), admin, 400);
      expect(body.error.code).toBe('bad_request');
    }
    await h.json(`/api/services/${h.serviceName}/datacenters/abc/hosts`, admin, 400);
    await h.json(`/api/services/${h.serviceName}/datacenters/-3/summary`, admin, 400);
  });
});

describe('inventory', () => {
  it.each(['hosts', 'vms', 'filers'] as const)(
    'serves the simulator’s %s with derived figures',
    async (kind) => {
      for (const dc of [dc1, dc2]) await expectListEqualsSimulator(kind, dc);
    },
  );

  it('sends the VM list by column, one per field of the shared row and no other', async () => {
    const body = await h.json<{ items: Record<string, unknown[]> }>(h.dcPath('vms', dc1), admin);
    const fields = Object.keys(VmRowSchema.shape);
    expect(Object.keys(body.items).sort()).toEqual([...fields].sort());
    const count = h.sim.inventory.services[0]!.datacenters.find((d) => d.datacenterId === dc1)!.vms.length;
    for (const field of fields) expect(body.items[field], field).toHaveLength(count);
    // What was left out is most of each VM: restore points, NICs and disks are not table data.
    const whole = await simulatorObjects(SIM_PATHS.vms(h.serviceName, dc1)[0]!);
    expect(JSON.stringify(body.items).length).toBeLessThan(JSON.stringify(whole).length / 5);
  });

  it('serves a VM’s whole object from its details route, read from OVH once an interval', async () => {
    const vmById = 'GET /ovh/1.0/dedicatedCloud/:serviceName/datacenter/:datacenterId/vm/:vmId';
    const list = VmListSchema.parse(await h.json(h.dcPath('vms', dc1), admin));
    const listed = list.items.find((vm) => vm.backup !== null)!;
    const path = h.dcPath(`vms/${listed.vmId}`, dc1);
    await h.simAdmin('POST', '/counters/reset');
    const answer = VmDetailsResponseSchema.parse(await h.json(path, admin));
    expect((await h.counters())[vmById]).toBe(1);
    const [whole] = await simulatorObjects(SIM_PATHS.vms(h.serviceName, dc1)[0]!).then((all) =>
      all.filter((vm) => vm.vmId === listed.vmId),
    );
    const { cpuPercent: _cpu, memoryPercent: _memory, ...ovh } = answer.vm;
    expect(ovh).toEqual(whole);
    expect(answer.vm.backup?.restorePoints?.length).toBeGreaterThan(0);
    expect(VmRowSchema.parse(answer.vm)).toEqual(listed);
    expect(answer).toMatchObject({ stale: false, pollIntervalMs: POLL_MS });

    await h.simAdmin('POST', '/counters/reset');
    await h.json(path, viewer);
    await h.json(path, admin);
    expect((await h.counters())[vmById]).toBeUndefined();
  });

  it('derives the percentages the tables show', async () => {
    const hosts = HostListSchema.parse(await h.json(h.dcPath('hosts', dc1), admin));
    for (const host of hosts.items) {
      expect(host.cpuPercent).toBeCloseTo((host.cpuUsed! / host.cpuMax!) * 100, 2);
      expect(host.memoryPercent).toBeCloseTo((host.memoryUsed! / (host.ram.value * 1024)) * 100, 2);
    }
    const filers = FilerListSchema.parse(await h.json(h.dcPath('filers', dc1), admin));
    expect(filers.items.filter((f) => f.global).length).toBe(
      h.sim.inventory.services[0]!.globalFilers.length,
    );
    for (const filer of filers.items) {
      expect(filer.usedPercent).toBeCloseTo(
        (filer.spaceUsed! / (filer.spaceUsed! + filer.spaceFree!)) * 100,
        2,
      );
    }
  });

  it('fetches in X-Ovh-Batch chunks of 40, and falls back to per-id GETs when batch is refused', async () => {
    const dcById = 'GET /ovh/1.0/dedicatedCloud/:serviceName/datacenter/:datacenterId';
    const vmById = `${dcById}/vm/:vmId`;
    const vmCount = h.sim.inventory.services[0]!.datacenters.find((d) => d.datacenterId === dc1)!.vms.length;
    expect(vmCount).toBeGreaterThan(BATCH_SIZE);

    await h.simAdmin('POST', '/counters/reset');
    h.clock.advance(POLL_MS);
    await untilFresh(h.dcPath('vms', dc1));
    expect((await h.counters())[vmById]).toBe(Math.ceil(vmCount / BATCH_SIZE));
    await expectListEqualsSimulator('vms', dc1);

    await h.simAdmin('PUT', '/faults', { batch: false });
    try {
      await h.simAdmin('POST', '/counters/reset');
      h.clock.advance(POLL_MS);
      await untilFresh(h.dcPath('vms', dc1));
      // The rights check refreshes the datacenter list first: its batch request is the one refused, and the
      // refusal is remembered, so the VMs go straight to one GET each.
      const counters = await h.counters();
      expect(counters[dcById]).toBe(1 + h.datacenterIds.length);
      expect(counters[vmById]).toBe(vmCount);
      await expectListEqualsSimulator('vms', dc1);
    } finally {
      await h.simAdmin('PUT', '/faults', { batch: true });
    }
  });

  it('costs the upstream one fetch per interval however many clients poll', async () => {
    const hostList = 'GET /ovh/1.0/dedicatedCloud/:serviceName/datacenter/:datacenterId/host';
    const vmList = 'GET /ovh/1.0/dedicatedCloud/:serviceName/datacenter/:datacenterId/vm';
    const poll = () =>
      Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const cookie = i % 2 === 0 ? admin : viewer;
          const [hosts, vms] = await Promise.all([
            h.request(h.dcPath('hosts', dc1), { cookie }),
            h.request(h.dcPath('vms', dc1), { cookie }),
          ]);
          expect([hosts.status, vms.status]).toEqual([200, 200]);
          await Promise.all([hosts.arrayBuffer(), vms.arrayBuffer()]);
        }),
      );
    const lists = [h.dcPath('hosts', dc1), h.dcPath('vms', dc1)];
    await h.simAdmin('POST', '/counters/reset');
    h.clock.advance(POLL_MS);
    // Each jump of the fake clock drifts the simulator's signature clock a little further: the services refresh
    // (started by the first request) re-reads OVH's time and retries. Landing it first keeps that retry out of
    // the lists' counts.
    await untilFresh();
    await poll();
    await poll();
    await untilFresh(...lists);
    expect(await h.counters()).toMatchObject({ [hostList]: 1, [vmList]: 1 });

    h.clock.advance(POLL_MS - 1);
    await poll();
    expect(await h.counters()).toMatchObject({ [hostList]: 1, [vmList]: 1 });

    h.clock.advance(1);
    await untilFresh();
    await poll();
    await untilFresh(...lists);
    expect(await h.counters()).toMatchObject({ [hostList]: 2, [vmList]: 2 });
  });
});

describe('datacenter summary', () => {
  it('sums up the same lists the pages read, with every breach worst first', async () => {
    const response = DatacenterSummaryResponseSchema.parse(await h.json(h.dcPath('summary', dc1), viewer));
    const [hosts, vms, filers] = await Promise.all([
      h.json(h.dcPath('hosts', dc1), viewer).then((b) => HostListSchema.parse(b)),
      h.json(h.dcPath('vms', dc1), viewer).then((b) => VmListSchema.parse(b)),
      h.json(h.dcPath('filers', dc1), viewer).then((b) => FilerListSchema.parse(b)),
    ]);
    expect(response.summary).toEqual(
      summarizeDatacenter({ hosts: hosts.items, vms: vms.items, filers: filers.items }),
    );
    expect(response.fetchedAt).toBe(Math.min(hosts.fetchedAt, vms.fetchedAt, filers.fetchedAt));
    expect(response.stale).toBe(false);
    expect(response.pollIntervalMs).toBe(POLL_MS);
    expect(response.summary.hosts.total).toBe(hosts.items.length);
    // The simulator's nearly full datastore is there, critical.
    expect(response.summary.alerts).toContainEqual(
      expect.objectContaining({ kind: 'filers', metric: 'filerUsedPercent', level: 'critical' }),
    );
    const levels = response.summary.alerts.map((a) => a.level);
    expect(levels.slice(levels.indexOf('warning'))).not.toContain('critical');
  });
});

describe('stale-on-error', () => {
  it('serves the last good data marked stale with the error and its age, then recovers', async () => {
    const hostsPath = h.dcPath('hosts', dc1);
    h.clock.advance(POLL_MS);
    await untilFresh(hostsPath);
    const good = HostListSchema.parse(await h.json(hostsPath, admin));
    expect(good.fetchedAt).toBe(h.clock.now());

    await h.simAdmin('POST', '/services/ovh/down', { mode: '503' });
    try {
      h.clock.advance(POLL_MS);
      const first = HostListSchema.parse(await h.json(hostsPath, admin));
      expect(first.stale).toBe(true);
      expect(first.items).toEqual(good.items);
      expect(first.fetchedAt).toBe(good.fetchedAt);
      // The OVH client retries a 503 a few times before the refresh gives up; then the answer says why.
      const stale = await vi.waitFor(
        async () => {
          const body = HostListSchema.parse(await h.json(hostsPath, admin));
          expect(body.error).toBeDefined();
          return body;
        },
        { timeout: 10_000, interval: 100 },
      );
      expect(stale.stale).toBe(true);
      expect(stale.refreshingSince).toBeUndefined();
      expect(stale.items).toEqual(good.items);
      expect(stale.fetchedAt).toBe(good.fetchedAt);
      // In our words: the status, never the path asked for, the API's address or its raw answer.
      expect(stale.error?.message).toMatch(/^OVH answered 503\b/);
      expect(stale.error?.message).not.toMatch(/dedicatedCloud|127\.0\.0\.1|localhost|http/i);
      expect(stale.error!.at - stale.fetchedAt).toBe(POLL_MS);

      const summary = DatacenterSummaryResponseSchema.parse(await h.json(h.dcPath('summary', dc1), admin));
      expect(summary.stale).toBe(true);
      expect(summary.error).toBeDefined();
    } finally {
      await h.simAdmin('POST', '/services/ovh/up');
    }

    // A failed refresh is retried after a pause, not on every request.
    h.clock.advance(30_000);
    await untilFresh(hostsPath);
    const recovered = HostListSchema.parse(await h.json(hostsPath, admin));
    expect(recovered.error).toBeUndefined();
    expect(recovered.fetchedAt).toBe(h.clock.now());
    await expectListEqualsSimulator('hosts', dc1);
  });
});

describe('an upstream that was never reachable', () => {
  it('answers 503 with the reason when there is no earlier data to serve', async () => {
    const cold = await startApiHarness({ ovhDownAtStart: true });
    try {
      const cookie = await cold.login(DEMO_ADMIN.username, DEMO_ADMIN.password);
      const response = await cold.request('/api/services', { cookie });
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        error: {
          code: 'upstream_unavailable',
          message: 'There is no data from the OVH API yet: OVH cannot be reached.',
        },
      });

      await cold.simAdmin('POST', '/services/ovh/up');
      cold.clock.advance(30_000);
      expect((await cold.request('/api/services', { cookie })).status).toBe(200);
    } finally {
      await cold.close();
    }
  });
});
