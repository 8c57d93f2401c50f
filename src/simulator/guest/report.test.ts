import { describe, expect, it } from 'vitest';
import { buildInventory, DEFAULT_SIZE } from '../model/inventory';
import { guestMachine, guestSample } from './processes';
import { procReportBody, vmReportBody } from './report';

const start = Date.UTC(2026, 10, 23, 14, 0);
const vm = buildInventory(1, DEFAULT_SIZE, start).services[0]!.datacenters[0]!.vms[0]!;
const sample = guestSample(guestMachine(vm), start, start - 60_000);

describe('report bodies', () => {
  it('posts the VM figures with the agent field list, method as a string, the key as session id', () => {
    const body = JSON.parse(vmReportBody('pcc-1/vm-1', sample.vm, '11111111')) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['method', 'data', 'session_id']);
    expect(body.method).toBe('116116');
    expect(body.session_id).toBe('11111111');
    expect(Object.keys(body.data as object)).toEqual([
      'cpu_util',
      'mem',
      'disk_read',
      'disk_write',
      'proc',
      'net_incoming',
      'net_outgoing',
      'instance_id',
    ]);
    expect(body.data).toMatchObject({ instance_id: 'pcc-1/vm-1', cpu_util: sample.vm.cpu_util });
  });

  it('posts the process list with the agent field list for every process', () => {
    const body = JSON.parse(procReportBody('pcc-1/vm-1', sample.processes, 'k')) as {
      method: string;
      data: { instance_id: string; data: Record<string, unknown>[] };
      session_id: string;
    };
    expect(body.method).toBe('116117');
    expect(Object.keys(body.data)).toEqual(['instance_id', 'data']);
    expect(body.data.data).toHaveLength(sample.processes.length);
    for (const p of body.data.data) {
      expect(Object.keys(p)).toEqual([
        'pid',
        'cmd',
        'cpu_util',
        'mem',
        'disk_read',
        'disk_write',
        'running_time',
        'shutdown_time',
        'net_incoming',
        'net_outgoing',
      ]);
    }
    expect(body.data.data[0]).toMatchObject({ pid: 1, cmd: 'systemd', shutdown_time: null });
  });
});
