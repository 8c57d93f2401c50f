import { expect, test as setup } from '@playwright/test';
import { ADMIN_STATE, USERS, VIEWER_STATE } from './support/env';

// One session per role for the whole run, saved as storage state. Through the API: the sign-in form has its own
// spec, and sign-ins are rate-limited per address, so the run spends as few as it can.

for (const [role, file] of [
  ['admin', ADMIN_STATE],
  ['viewer', VIEWER_STATE],
] as const) {
  setup(`sign in as ${role}`, async ({ request }) => {
    const response = await request.post('/api/session', { data: { ...USERS[role], provider: 'local' } });
    expect(response.status(), await response.text()).toBe(200);
    await request.storageState({ path: file });
  });
}
