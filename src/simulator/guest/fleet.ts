import { DEFAULT_INSTANCE_ID_TEMPLATE, instanceIdFromTemplate } from '@/shared/guest/instance-id';
import type { SimInventory, SimVm } from '../model/inventory';
import { mix } from '../model/random';
import { guestMachine, type GuestMachine } from './processes';

// Which simulated VMs run the guest agent. An agent needs a running guest, so only powered-on VMs with VMware
// Tools running qualify; about one in eight of those has none installed, and one agent (the first of the first
// datacenter) stopped two hours before the simulator started, so the dashboard has a silent agent to show.

export interface GuestAgent {
  instanceId: string;
  serviceName: string;
  datacenterId: number;
  vm: SimVm;
  machine: GuestMachine;
  /** When the agent stopped reporting, or null while it reports. */
  silentSinceMs: number | null;
}

export interface GuestFleet {
  agents: GuestAgent[];
  byInstanceId: ReadonlyMap<string, GuestAgent>;
}

/** How long before the simulator's start the silent agent stopped. */
export const SILENT_FOR_MS = 2 * 3_600_000;

const TOOLS_RUNNING = new Set(['guestToolsRunning', 'guestToolsExecutingScripts']);

function eligible(vm: SimVm): boolean {
  return vm.powerState === 'poweredOn' && TOOLS_RUNNING.has(vm.vmwareTools ?? '');
}

function hasAgent(inventory: SimInventory, vm: SimVm): boolean {
  return mix(vm.key, inventory.seed) % 8 !== 0;
}

export function guestFleet(inventory: SimInventory, startMs: number): GuestFleet {
  const agents: GuestAgent[] = [];
  for (const service of inventory.services) {
    for (const dc of service.datacenters) {
      for (const vm of dc.vms) {
        if (!eligible(vm) || !hasAgent(inventory, vm)) continue;
        const instanceId = instanceIdFromTemplate(DEFAULT_INSTANCE_ID_TEMPLATE, {
          serviceName: service.serviceName,
          datacenterId: dc.datacenterId,
          vmId: vm.vmId,
          moRef: vm.moRef,
          name: vm.name,
        });
        if (instanceId === null) continue;
        agents.push({
          instanceId,
          serviceName: service.serviceName,
          datacenterId: dc.datacenterId,
          vm,
          machine: guestMachine(vm),
          silentSinceMs: agents.length === 0 ? startMs - SILENT_FOR_MS : null,
        });
      }
    }
  }
  return { agents, byInstanceId: new Map(agents.map((a) => [a.instanceId, a])) };
}
