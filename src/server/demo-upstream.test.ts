import { describe, expect, it } from 'vitest';
import { DEMO_LOCAL_USERS } from './auth/demo-accounts';
import { UserStore } from './auth/users';
import { openDatabase } from './db/database';
import { ensureDemoUsers } from './demo-upstream';

describe('ensureDemoUsers', () => {
  it('creates the published accounts though the password policy refuses their passwords', async () => {
    const db = openDatabase(':memory:');
    try {
      const users = new UserStore(db);
      await ensureDemoUsers(users);
      for (const demo of DEMO_LOCAL_USERS) {
        expect(await users.verify(demo.username, demo.password)).toMatchObject({
          role: demo.role,
          pccUser: demo.pccUser,
        });
      }
      // A changed password meets the policy, and a later start leaves it alone.
      await users.setPassword('admin', 'kq8-Vx2p-w7Lm-staple');
      await ensureDemoUsers(users);
      expect(await users.verify('admin', 'vscope-demo')).toBeUndefined();
    } finally {
      db.close();
    }
  });
});
