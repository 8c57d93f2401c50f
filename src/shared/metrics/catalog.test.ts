import { describe, expect, it } from 'vitest';
import { CATALOG, METRICS } from './catalog';
import { ENTITY_KINDS, ENTITY_ROUTES, entityOfRoute, entityRef } from './entities';

describe('the catalog', () => {
  it('names each metric once, and reads each either from its live object or from a NIC of a host', () => {
    expect(new Set(METRICS.map((m) => m.name)).size).toBe(METRICS.length);
    for (const m of METRICS) {
      expect(Boolean(m.extract) !== Boolean(m.nicField), m.name).toBe(true);
      if (m.nicField) expect(m.entity).toBe('host');
    }
  });

  it('reads values with OVH’s units and leaves out what the live object lacks', () => {
    const host = { cpuUsed: 1500, cpuMax: 6000, memoryUsed: 49_152, ram: { value: 192 } };
    expect(CATALOG.valuesOf('host', host)).toEqual({
      'vscope.host.cpu.usage.perc': 25,
      'vscope.host.mem.usage.perc': 25,
    });
    expect(CATALOG.valuesOf('host', { ...host, cpuMax: 0, memoryUsed: null })).toEqual({});
    expect(CATALOG.valuesOf('filer', { spaceUsed: 2 })).toEqual({
      'vscope.filer.datastore.diskspace.used': 2 * 1024 * 1024,
    });
    const vm = CATALOG.valuesOf('vm', {
      cpuUsed: 500,
      cpuMax: 2000,
      memoryUsed: 3072,
      memoryMax: 4096,
      cpuReady: 120,
      netRx: 1,
      netTx: 2,
      netPacketRx: 3,
      netPacketTx: 4,
      readPerSecond: 5,
      writePerSecond: 6,
      readRate: 7,
      writeRate: 8,
      readLatency: 9,
      writeLatency: null,
    });
    expect(vm['vscope.vm.cpu.usage.perc']).toBe(25);
    expect(vm['vscope.vm.mem.usage.perc']).toBe(75);
    expect(vm['vscope.vm.cpu.ready']).toBe(120);
    expect(vm['vscope.vm.disk.bandwidth.write']).toBe(8);
    expect(vm).not.toHaveProperty('vscope.vm.disk.latency.write');
  });
});

describe('the entity kinds', () => {
  it('translate a route to its kind and back', () => {
    expect(ENTITY_ROUTES).toEqual(['filers', 'hosts', 'vms']);
    for (const route of ENTITY_ROUTES) expect(ENTITY_KINDS[entityOfRoute(route)].route).toBe(route);
  });

  it('name an entity by its tag, and show a VM without a name by its moRef', () => {
    expect(entityRef('vm', { vmId: 7, moRef: 'vm-1042', name: null })).toEqual({
      id: 7,
      tagValue: 'vm-1042',
      displayName: 'vm-1042',
    });
    expect(entityRef('host', { hostId: 3, name: '172.16.0.11' }).tagValue).toBe('172.16.0.11');
  });
});
