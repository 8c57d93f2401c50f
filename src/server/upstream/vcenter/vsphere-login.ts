import type { ServiceEntry } from '@/shared/api/inventory';
import type { SessionIdentity } from '@/server/auth/sessions';
import { checkVsphereCredentials } from './session-check';

// Sign-in with vSphere credentials, as vScope does: the PCC's vCenter checks the password, and the user's
// datacenter rights then come from the OVH API under their PCC user name.

export type VsphereLoginResult =
  | { ok: true; identity: SessionIdentity }
  | { ok: false; reason: 'invalid-credentials' | 'unavailable'; detail: string };

export interface VsphereLoginOptions {
  services: () => Promise<ServiceEntry[]>;
  vcenterUrl: (serviceName: string, webInterfaceUrl?: string) => string;
  fetch?: typeof fetch;
}

export function vsphereLogin(options: VsphereLoginOptions) {
  return async (username: string, password: string): Promise<VsphereLoginResult> => {
    // `name@pcc-a-b-c-d.ovh.com` names its PCC; a short name is tried on each PCC in turn.
    const [shortName = username, domain] = username.split('@');
    const all = await options.services();
    const candidates = domain ? all.filter((s) => domain.startsWith(`${s.serviceName}.`)) : all;
    let unavailable: string | undefined;
    for (const service of candidates) {
      const check = await checkVsphereCredentials(
        {
          baseUrl: options.vcenterUrl(service.serviceName, service.webInterfaceUrl || undefined),
          fetch: options.fetch,
        },
        username,
        password,
      );
      if (check.ok) {
        return {
          ok: true,
          identity: {
            username: shortName,
            role: 'viewer',
            provider: 'vsphere',
            pccUser: shortName,
            serviceName: service.serviceName,
          },
        };
      }
      if (check.reason === 'unavailable') unavailable = check.detail;
    }
    return unavailable
      ? { ok: false, reason: 'unavailable', detail: unavailable }
      : { ok: false, reason: 'invalid-credentials', detail: 'no vCenter accepted these credentials' };
  };
}
