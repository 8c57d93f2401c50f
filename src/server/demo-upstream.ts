import type { Config, OvhCredentials } from '../config/config';
import { GUEST_ENDPOINT } from '../shared/guest/protocol';
import { DEMO_LOCAL_USERS } from './auth/demo-accounts';
import type { UserStore } from './auth/users';

// Demo mode's upstream: the simulated Hosted Private Cloud on a loopback port, reached over HTTP with real
// signed requests, so the demo exercises exactly the code path production runs against OVH. This is the one
// place the server meets the simulator, and it loads it only when demo mode starts: a server in ovh mode
// never loads the simulator's code.

export interface Upstream {
  ovh: { baseUrl: string; credentials: OvhCredentials };
  /** The guest-monitoring service (its …/wsgi_app.py), when there is one, and the zone it writes dates in. */
  guest?: GuestUpstream;
  /** vCenter base URL of a PCC service, for vSphere sign-in. */
  vcenterUrl: (serviceName: string, webInterfaceUrl?: string) => string;
  close: () => Promise<void>;
}

export interface GuestUpstream {
  url: string;
  user: string;
  password: string;
  timeZone: string;
}

export async function startDemoUpstream(config: Pick<Config, 'demo'>): Promise<Upstream> {
  const [{ createSimulator }, { DEMO_APPLICATION }, { DEMO_GUEST }] = await Promise.all([
    import('../simulator/simulator'),
    import('../simulator/ovh/auth'),
    import('../simulator/guest/demo-guest'),
  ]);
  const simulator = createSimulator({
    seed: config.demo.seed,
    size: { vms: config.demo.vms },
    guest: { agents: true },
  });
  const origin = await simulator.app.listen({ port: config.demo.simulatorPort, host: '127.0.0.1' });
  return {
    ovh: {
      baseUrl: `${origin}/ovh/1.0`,
      credentials: { kind: 'application-key', ...DEMO_APPLICATION },
    },
    // The simulator's guest service writes its dates in UTC.
    guest: {
      url: `${origin}/guest${GUEST_ENDPOINT}`,
      user: DEMO_GUEST.user,
      password: DEMO_GUEST.password,
      timeZone: 'UTC',
    },
    vcenterUrl: (serviceName) => `${origin}/vcenter/${serviceName}`,
    close: () => simulator.app.close(),
  };
}

/** The real upstream: the OVH API of the configuration, each PCC's own vCenter, and the guest service if set. */
export function ovhUpstream(ovh: NonNullable<Config['ovh']>, guest: Config['guest']): Upstream {
  return {
    ovh,
    guest: guest.service ? { ...guest.service, timeZone: guest.timeZone } : undefined,
    // vCenter answers on the PCC's web interface host (https://pcc-a-b-c-d.ovh.com).
    vcenterUrl: (serviceName, webInterfaceUrl) =>
      webInterfaceUrl ? new URL(webInterfaceUrl).origin : `https://${serviceName}.ovh.com`,
    close: () => Promise.resolve(),
  };
}

/**
 * Creates the demo's local users on first start; existing users (and changed passwords) are left alone. Their
 * passwords are published, so the password policy is skipped for them alone; a password changed with
 * `npm run user -- passwd` meets it.
 */
export async function ensureDemoUsers(users: UserStore): Promise<void> {
  for (const user of DEMO_LOCAL_USERS) {
    if (!users.get(user.username)) await users.add(user, { skipPasswordPolicy: true });
  }
}
