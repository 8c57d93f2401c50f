import { describe, expect, it } from 'vitest';
import type { SessionIdentity } from '../auth/sessions';
import { fixedInventory } from '../displays/display-test-app';
import { DomainError } from '../errors';
import type { Access } from './inventory-service';
import { accessOf } from './routes';

// The 'datacenters' access: an explicit list of datacenters (a wall display's scope) and nothing else.

const inventory = fixedInventory();

const listed = (...refs: [string, number][]): Access => ({
  kind: 'datacenters',
  datacenters: refs.map(([serviceName, datacenterId]) => ({ serviceName, datacenterId })),
});

async function visible(access: Access) {
  return (await inventory.services(access)).value.map((s) => [
    s.serviceName,
    s.datacenters.map((dc) => dc.datacenterId),
  ]);
}

async function verdict(access: Access, serviceName: string, datacenterId: number): Promise<string> {
  try {
    await inventory.authorize(access, serviceName, datacenterId);
    return 'ok';
  } catch (error) {
    if (error instanceof DomainError) return error.reason;
    throw error;
  }
}

describe("InventoryService with a 'datacenters' access", () => {
  it('lists only the listed datacenters, across services', async () => {
    expect(await visible(listed(['pcc-1', 2], ['pcc-2', 3]))).toEqual([
      ['pcc-1', [2]],
      ['pcc-2', [3]],
    ]);
    expect(await visible(listed(['pcc-1', 1], ['pcc-1', 2]))).toEqual([['pcc-1', [1, 2]]]);
  });

  it('ignores listed datacenters that do not exist, and an empty list sees nothing', async () => {
    expect(await visible(listed(['pcc-1', 3], ['pcc-9', 1], ['pcc-2', 3]))).toEqual([['pcc-2', [3]]]);
    expect(await visible(listed())).toEqual([]);
  });

  it('authorizes listed datacenters, refuses others as forbidden and unknown ones as missing', async () => {
    const access = listed(['pcc-1', 2]);
    expect(await verdict(access, 'pcc-1', 2)).toBe('ok');
    expect(await verdict(access, 'pcc-1', 1)).toBe('forbidden');
    expect(await verdict(access, 'pcc-2', 3)).toBe('forbidden');
    expect(await verdict(access, 'pcc-1', 3)).toBe('missing');
    expect(await verdict(listed(), 'pcc-1', 1)).toBe('forbidden');
    // A datacenter id listed under another service does not leak across.
    expect(await verdict(listed(['pcc-2', 1]), 'pcc-1', 1)).toBe('forbidden');
  });

  it('lists inventory only inside the scope', async () => {
    const access = listed(['pcc-1', 1]);
    await expect(inventory.list(access, 'pcc-1', 1, 'hosts')).resolves.toMatchObject({ value: [] });
    await expect(inventory.list(access, 'pcc-1', 2, 'hosts')).rejects.toMatchObject({ reason: 'forbidden' });
  });
});

describe('accessOf', () => {
  const base: SessionIdentity = {
    username: 'Lobby',
    role: 'viewer',
    provider: 'display',
    pccUser: null,
    serviceName: null,
  };

  it("gives a scoped session a 'datacenters' access, whoever it belongs to", () => {
    const scope = [{ serviceName: 'pcc-1', datacenterId: 1 }];
    expect(accessOf({ ...base, displayId: 'd1', scope })).toEqual({
      kind: 'datacenters',
      datacenters: scope,
    });
    expect(accessOf({ ...base, provider: 'local', scope })).toEqual({
      kind: 'datacenters',
      datacenters: scope,
    });
  });

  it('lets a display session without a scope see nothing rather than everything', () => {
    expect(accessOf({ ...base, displayId: 'd1' })).toEqual({ kind: 'datacenters', datacenters: [] });
  });

  it('leaves other sessions as they were', () => {
    expect(accessOf({ ...base, provider: 'local' })).toEqual({ kind: 'all' });
    expect(accessOf({ ...base, provider: 'local', pccUser: 'noc' })).toEqual({
      kind: 'pcc-user',
      pccUser: 'noc',
      serviceName: null,
    });
  });
});
