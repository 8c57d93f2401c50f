import { DEMO_APPLICATION } from '@/simulator/ovh/auth';
import type { Upstream } from '../demo-upstream';

/** The application the simulator knows, as an OVH client signs with it. */
export const DEMO_CREDENTIALS = { kind: 'application-key', ...DEMO_APPLICATION } as const;

/** Test support: the simulator listening at `origin`, reached as OVH is, with the demo application's keys. */
export function simulatedOvh(origin: string): Upstream['ovh'] {
  return { baseUrl: `${origin}/ovh/1.0`, credentials: DEMO_CREDENTIALS };
}
