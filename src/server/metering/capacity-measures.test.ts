import { describe, expect, it } from 'vitest';
import { FilerRowSchema, HostRowSchema, KeptVmSchema } from '@/shared/api/inventory';
import { CAPACITY_METRICS } from '@/shared/capacity/catalog';
import { CATALOG } from '@/shared/metrics/catalog';
import { filerExample, hostExample, vmExample } from '@/shared/ovh/ovh-api-examples';
import { capacityValues, PROVISIONED_SOURCES, USAGE_SOURCES } from './capacity-measures';

const vm = KeptVmSchema.parse({ ...vmExample, cpuPercent: null, memoryPercent: null });
const host = HostRowSchema.parse({ ...hostExample, cpuPercent: null, memoryPercent: null });
const filer = FilerRowSchema.parse({
  ...filerExample,
  global: false,
  usedPercent: null,
  provisionedPercent: null,
});

describe('capacity measures', () => {
  it('has one source for every metric of the catalog, of its kind, and reads only vScope metrics that exist', () => {
    for (const kind of ['vm', 'host', 'filer'] as const) {
      const sources = { provisioned: PROVISIONED_SOURCES[kind], usage: USAGE_SOURCES[kind] };
      const expected = CAPACITY_METRICS[kind].map((m) => `${m.kind}:${m.name}`).sort();
      const got = [
        ...Object.keys(sources.provisioned).map((name) => `provisioned:${name}`),
        ...Object.keys(sources.usage).map((name) => `usage:${name}`),
      ].sort();
      expect(got).toEqual(expected);
      for (const { vscope } of Object.values<{ vscope: string }>(USAGE_SOURCES[kind])) {
        expect(CATALOG.find(vscope)?.entity).toBe(kind);
      }
    }
  });

  it("gives a VM's allotment and its usage in Gnocchi's units, from the same live fields as the tables", () => {
    const values = capacityValues('vm', vm);
    expect(values).toMatchObject({
      vcpus: 2,
      memory: 8192,
      'network.incoming.bytes.rate': 45.2,
      'disk.read.bytes.rate': 140,
    });
    expect(values['cpu.util']).toBeCloseTo((310 / 4200) * 100, 9);
    // The recorder's memory percentage back in MB: the VM's memoryUsed.
    expect(values['memory.usage']).toBeCloseTo(2211, 9);
  });

  it('gives what a host and a filer offer, and leaves out what the row does not say', () => {
    expect(capacityValues('host', host)).toMatchObject({ vcpus: 20, memory: 256 * 1024 });
    expect(capacityValues('host', host)['memory.usage']).toBeCloseTo(98304.5, 6);
    const filerValues = capacityValues('filer', filer);
    expect(filerValues).toMatchObject({ 'disk.size': 1356.8 + 1843.2, 'disk.provisioned': 2100.5 });
    expect(filerValues['disk.used']).toBeCloseTo(1356.8, 9);

    const unknown = capacityValues('vm', { ...vm, cpuNum: null, cpuUsed: null, memoryMax: null });
    expect(unknown).not.toHaveProperty('vcpus');
    expect(unknown).not.toHaveProperty('cpu.util');
    expect(unknown).not.toHaveProperty('memory.usage');
    expect(unknown).not.toHaveProperty('memory');
  });
});
