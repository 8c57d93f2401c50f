import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTANCE_ID_TEMPLATE, instanceIdFromTemplate } from './instance-id';

const vm = { serviceName: 'pcc-1-2-3-4', datacenterId: 886, vmId: 42, moRef: 'vm-1042', name: 'db-01' };

describe('instanceIdFromTemplate', () => {
  it('fills the default rule with the service and the moRef', () => {
    expect(instanceIdFromTemplate(DEFAULT_INSTANCE_ID_TEMPLATE, vm)).toBe('pcc-1-2-3-4/vm-1042');
  });

  it('fills every placeholder it knows and keeps other text', () => {
    expect(instanceIdFromTemplate('{name}.{datacenterId}.{vmId}{unknown}', vm)).toBe('db-01.886.42{unknown}');
  });

  it('gives no id when the rule needs a name the VM lacks, or when the id would hold the separator', () => {
    expect(instanceIdFromTemplate('{name}', { ...vm, name: null })).toBeNull();
    expect(instanceIdFromTemplate('{name}', { ...vm, name: 'a;b' })).toBeNull();
  });
});
