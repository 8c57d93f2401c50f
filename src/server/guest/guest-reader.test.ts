import { afterEach, describe, expect, it } from 'vitest';
import type { GuestProcessRecord } from '@/shared/guest/records';
import { startTestGuestService, TEST_GUEST_USER, type TestGuestService } from '../testing/guest-service';
import { GuestClient } from '../upstream/guest/client';
import { AGENTS_CHUNK, GuestReader, latestReport } from './guest-reader';
import { checkedTemplate, GuestInstanceIds } from './mapping';

const proc = (pid: number | null, at: number | null, name = `p${pid}`): GuestProcessRecord => ({
  at,
  pid,
  name,
  cpuPercent: 0,
  memoryPercent: 0,
  diskReadBps: 0,
  diskWriteBps: 0,
  netInBps: 0,
  netOutBps: 0,
  startedAt: null,
  endedAt: null,
  brokenFields: [],
});

describe('latestReport', () => {
  it('keeps the records of the newest report only, one per pid, newest first', () => {
    const t = 1_700_000_000_000;
    const records = [
      proc(3, t + 0.2),
      proc(1, t + 0.1),
      proc(2, t),
      proc(1, t - 0.5),
      proc(9, t - 60_000),
      proc(4, null),
    ];
    expect(latestReport(records).map((p) => p.pid)).toEqual([3, 1, 2]);
    expect(latestReport(records)[0]).not.toHaveProperty('at');
  });

  it('keeps every record when none has a date, and processes without pid', () => {
    expect(
      latestReport([proc(null, null, 'a'), proc(null, null, 'b'), proc(1, null)]).map((p) => p.name),
    ).toEqual(['a', 'b', 'p1']);
  });
});

describe('GuestReader against the guest service', () => {
  let service: TestGuestService | undefined;
  afterEach(() => service?.close());

  async function setup() {
    service = await startTestGuestService();
    const sent: { method: number; limit?: number; data: { instance_id: string } }[] = [];
    const client = new GuestClient({
      url: service.url,
      ...TEST_GUEST_USER,
      fetch: (url, init) => {
        sent.push(JSON.parse(init?.body as string) as (typeof sent)[number]);
        return fetch(url, init);
      },
    });
    const reader = new GuestReader({
      client,
      ids: new GuestInstanceIds(checkedTemplate()),
      timeZone: 'UTC',
      silentAfterMs: 900_000,
    });
    return { service, sent, reader };
  }

  const vm = (vmId: number) => ({
    serviceName: 'pcc-1',
    datacenterId: 1,
    vmId,
    moRef: `vm-${vmId}`,
    name: null,
  });
  const figures = { cpu_util: 1, mem: 2, disk_read: 0, disk_write: 0, net_incoming: 0, net_outgoing: 0 };

  it('asks for the agents of a datacenter in requests of at most 200 ids, one record each', async () => {
    const { service, sent, reader } = await setup();
    await service.reportVm('pcc-1/vm-7', { ...figures, proc: 1 });
    const vms = Array.from({ length: AGENTS_CHUNK * 2 + 50 }, (_, i) => vm(i + 1));
    const { agents } = await reader.agents('pcc-1', 1, vms);
    const queries = sent.filter((s) => s.method === 611611);
    expect(queries.map((q) => q.data.instance_id.split(';').filter(Boolean).length)).toEqual([200, 200, 50]);
    expect(queries.every((q) => q.limit === 1)).toBe(true);
    expect(agents['7']).toBe('reporting');
    expect(agents['8']).toBe('none');
    await reader.close();
  });

  it("asks for as many process records as the VM's last report counted, with a margin", async () => {
    const { service, sent, reader } = await setup();
    await service.reportVm('pcc-1/vm-1', { ...figures, proc: 120 });
    await reader.overview(vm(1));
    expect(sent.find((s) => s.method === 611711)?.limit).toBe(170);
    await reader.close();
  });
});
