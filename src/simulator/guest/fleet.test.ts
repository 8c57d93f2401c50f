import { describe, expect, it } from 'vitest';
import { buildInventory, DEFAULT_SIZE } from '../model/inventory';
import { guestFleet, SILENT_FOR_MS } from './fleet';

const start = Date.UTC(2026, 10, 23, 14, 0);
const inventory = buildInventory(1, { ...DEFAULT_SIZE, vms: 400 }, start);
const vms = inventory.services.flatMap((s) => s.datacenters.flatMap((d) => d.vms));

describe('guestFleet', () => {
  const fleet = guestFleet(inventory, start);

  it('gives agents only to powered-on VMs with VMware Tools running, and not to all of them', () => {
    const eligible = vms.filter(
      (vm) => vm.powerState === 'poweredOn' && vm.vmwareTools?.startsWith('guestToolsRunning'),
    );
    for (const agent of fleet.agents) {
      expect(agent.vm.powerState).toBe('poweredOn');
      expect(['guestToolsRunning', 'guestToolsExecutingScripts']).toContain(agent.vm.vmwareTools);
    }
    const share = fleet.agents.length / eligible.length;
    expect(share).toBeGreaterThan(0.8);
    expect(share).toBeLessThan(0.95);
  });

  it('names agents by the default instance id rule, one agent per id', () => {
    const agent = fleet.agents[3]!;
    expect(agent.instanceId).toBe(`${agent.serviceName}/${agent.vm.moRef}`);
    expect(fleet.byInstanceId.size).toBe(fleet.agents.length);
  });

  it('has exactly one silent agent, in the first datacenter, stopped two hours before the start', () => {
    const silent = fleet.agents.filter((a) => a.silentSinceMs !== null);
    expect(silent).toHaveLength(1);
    expect(silent[0]).toMatchObject({
      datacenterId: inventory.services[0]!.datacenters[0]!.datacenterId,
      silentSinceMs: start - SILENT_FOR_MS,
    });
  });

  it('is the same fleet for the same seed', () => {
    const again = guestFleet(buildInventory(1, { ...DEFAULT_SIZE, vms: 400 }, start), start);
    expect(again.agents.map((a) => a.instanceId)).toEqual(fleet.agents.map((a) => a.instanceId));
  });
});
