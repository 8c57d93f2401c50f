import { AGENT_FIXED_SESSION_ID } from '@/shared/guest/protocol';

/** The simulated guest service's credentials. The agent key is the public agent's fixed session id, so a real
 * agent pointed at the demo reports too. */
export const DEMO_GUEST = {
  user: 'vscope',
  password: 'guest-demo',
  agentKey: AGENT_FIXED_SESSION_ID,
} as const;
