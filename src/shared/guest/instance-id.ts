// OVH's VM model carries no instance UUID, so a VM finds its guest instance id by a naming rule unless a mapping
// file names it. The rule is a template over the VM's identity; the simulator's agents report under the default.

export interface GuestVmIdentity {
  serviceName: string;
  datacenterId: number;
  vmId: number;
  moRef: string;
  name: string | null;
}

/** The default rule: the service and the VM's moRef, unique within a Hosted Private Cloud and stable across
 * renames and moves between datacenters. */
export const DEFAULT_INSTANCE_ID_TEMPLATE = '{serviceName}/{moRef}';

const PLACEHOLDER = /\{(serviceName|datacenterId|vmId|moRef|name)\}/g;

/** `template` with the VM's identity filled in, or null when it needs a name the VM does not have. An id never
 * holds `;`, which separates ids in the protocol's requests. */
export function instanceIdFromTemplate(template: string, vm: GuestVmIdentity): string | null {
  let missing = false;
  const id = template.replace(PLACEHOLDER, (_, key: keyof GuestVmIdentity) => {
    const value = vm[key];
    if (value === null || value === '') missing = true;
    return String(value ?? '');
  });
  return missing || id.includes(';') || id === '' ? null : id;
}
