import { describe, expect, it } from 'vitest';
import { capacityPath, capacityResourceId } from './resource-ids';

describe('capacityResourceId', () => {
  it("is the version-5 UUID of the entity's path in our namespace", () => {
    // python3 -c "import uuid; print(uuid.uuid5(uuid.UUID('c0d5a1e7-64b4-5f4e-9c1b-7a3e2f0d9b15'), 'vm/pcc-1-2-3-4/42'))"
    expect(capacityResourceId({ type: 'vm', serviceName: 'pcc-1-2-3-4', vmId: 42 })).toBe(
      '0cdc27ce-77fa-5928-85b5-55c0dae2873d',
    );
  });

  it('gives a global filer one id per datacenter and keeps kinds apart', () => {
    const a = capacityResourceId({ type: 'filer', serviceName: 's', datacenterId: 1, filerId: 7 });
    const b = capacityResourceId({ type: 'filer', serviceName: 's', datacenterId: 2, filerId: 7 });
    expect(a).not.toBe(b);
    expect(capacityResourceId({ type: 'host', serviceName: 's', hostId: 7 })).not.toBe(
      capacityResourceId({ type: 'vm', serviceName: 's', vmId: 7 }),
    );
    expect(capacityPath({ type: 'filer', serviceName: 's', datacenterId: 2, filerId: 7 })).toBe(
      'filer/s/2/7',
    );
  });
});
