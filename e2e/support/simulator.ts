import { expect, request } from '@playwright/test';
import { SIMULATOR_PORT } from './env';
import { NO_SESSION } from './sign-in';

// The demo simulator's loopback admin routes (src/simulator/faults.ts): take the OVH API down and bring it back.

async function setOvh(action: 'down' | 'up'): Promise<void> {
  // Cookies ignore ports: without this the project's session cookie would go to the simulator too.
  const context = await request.newContext({
    baseURL: `http://127.0.0.1:${SIMULATOR_PORT}`,
    storageState: NO_SESSION,
  });
  try {
    const response = await context.post(`/_admin/services/ovh/${action}`, { data: {} });
    expect(response.ok(), `simulator ${action}: ${response.status()}`).toBe(true);
  } finally {
    await context.dispose();
  }
}

export const takeOvhDown = () => setOvh('down');
export const bringOvhUp = () => setOvh('up');
