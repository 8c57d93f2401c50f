import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import type { Database } from '../db/database';
import { UserStore, UserStoreError } from './users';

let db: Database;
let users: UserStore;
beforeEach(() => {
  db = openDatabase(':memory:');
  users = new UserStore(db);
});
afterEach(() => db.close());

function storedHash(username: string): string {
  return db.prepare('SELECT password_hash FROM users WHERE username = ?').pluck().get(username) as string;
}

async function rejection(promise: Promise<unknown>): Promise<UserStoreError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(UserStoreError);
  return error as UserStoreError;
}

describe('UserStore', () => {
  it('stores a salted scrypt hash with its parameters, never the password', async () => {
    await users.add({ username: 'alice', password: 'correct horse', role: 'admin' });
    await users.add({ username: 'bob', password: 'correct horse', role: 'viewer' });
    const alice = storedHash('alice');
    expect(alice).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(alice).not.toContain('correct horse');
    // Same password, different salt, different hash.
    expect(storedHash('bob')).not.toBe(alice);
  });

  it('verifies the right password and refuses a wrong one or an unknown user', async () => {
    await users.add({ username: 'alice', password: 'correct horse', role: 'admin', pccUser: 'pcc-admin' });
    expect(await users.verify('alice', 'correct horse')).toMatchObject({
      username: 'alice',
      role: 'admin',
      pccUser: 'pcc-admin',
    });
    expect(await users.verify('alice', 'correct horsE')).toBeUndefined();
    expect(await users.verify('mallory', 'correct horse')).toBeUndefined();
    expect(await users.verify('not a valid name!', 'correct horse')).toBeUndefined();
  });

  it('treats usernames case-insensitively and refuses duplicates', async () => {
    await users.add({ username: 'Alice', password: 'correct horse', role: 'viewer' });
    expect(users.get('alice')?.username).toBe('Alice');
    const error = await rejection(
      users.add({ username: 'ALICE', password: 'another horse battery', role: 'admin' }),
    );
    expect(error.code).toBe('duplicate');
    expect(error.message).toBe("User 'ALICE' already exists.");
  });

  it('explains invalid input without echoing the password', async () => {
    const badName = await rejection(
      users.add({ username: 'a b', password: 'correct horse', role: 'viewer' }),
    );
    expect(badName.code).toBe('invalid-input');
    expect(badName.message).toMatch(/Username must be 1 to 64 characters/);
    const long = await rejection(
      users.add({ username: 'x'.repeat(65), password: 'correct horse', role: 'viewer' }),
    );
    expect(long.code).toBe('invalid-input');
    const short = await rejection(users.add({ username: 'carol', password: 'short1', role: 'viewer' }));
    expect(short.message).toBe('Password must be at least 8 characters long.');
    expect(short.message).not.toContain('short1');
    const role = await rejection(
      users.add({ username: 'carol', password: 'correct horse', role: 'root' as 'admin' }),
    );
    expect(role.message).toBe("Role must be 'admin' or 'viewer'.");
    const pcc = await rejection(
      users.add({ username: 'carol', password: 'correct horse', role: 'viewer', pccUser: ' ' }),
    );
    expect(pcc.message).toBe('PCC user must not be empty.');
    expect(users.list()).toEqual([]);
  });

  it('lists users in order without their hashes', async () => {
    await users.add({ username: 'zoe', password: 'correct horse', role: 'viewer', pccUser: 'noc' });
    await users.add({ username: 'adam', password: 'correct horse', role: 'admin' });
    const list = users.list();
    expect(list.map((user) => user.username)).toEqual(['adam', 'zoe']);
    expect(list[1]).toEqual({
      username: 'zoe',
      role: 'viewer',
      pccUser: 'noc',
      createdAt: expect.any(Number) as number,
      updatedAt: expect.any(Number) as number,
    });
    expect(JSON.stringify(list)).not.toMatch(/scrypt|hash/i);
    expect(JSON.stringify(users.get('zoe'))).not.toMatch(/scrypt|hash/i);
  });

  it('changes a password', async () => {
    await users.add({ username: 'alice', password: 'correct horse', role: 'admin' });
    await users.setPassword('alice', 'battery staple');
    expect(await users.verify('alice', 'correct horse')).toBeUndefined();
    expect(await users.verify('alice', 'battery staple')).toBeDefined();
    expect((await rejection(users.setPassword('bob', 'battery staple'))).code).toBe('not-found');
    expect((await rejection(users.setPassword('alice', 'short'))).code).toBe('invalid-input');
  });

  it('refuses weak passwords where a password is set, saying what to change', async () => {
    const weak = await rejection(users.add({ username: 'alice', password: '12345678', role: 'admin' }));
    expect(weak.code).toBe('invalid-input');
    expect(weak.message).toMatch(
      /^Password is too easy to guess for an admin .*four or five unrelated words/,
    );
    const spaces = await rejection(users.add({ username: 'bob', password: ' '.repeat(8), role: 'viewer' }));
    expect(spaces.message).toBe('Password must not be only spaces: use letters, digits or symbols.');
    const named = await rejection(
      users.add({ username: 'Carol', password: 'carol-kq8-Vx2p', role: 'viewer' }),
    );
    expect(named.message).toBe('Password must not contain the user name (Carol): choose one without it.');
    expect(users.list()).toEqual([]);

    await users.add({ username: 'alice', password: 'correct horse', role: 'admin' });
    const passwd = await rejection(users.setPassword('alice', 'password'));
    expect(passwd.message).toMatch(/^Password is too easy to guess for an admin/);
    expect((await rejection(users.setPassword('alice', 'xALICEx-kq8-Vx2p'))).message).toMatch(/user name/);
    expect(await users.verify('alice', 'correct horse')).toBeDefined();
  });

  it('skips the policy only when told to, for published demo accounts', async () => {
    await users.add(
      { username: 'admin', password: 'vscope-demo', role: 'admin' },
      { skipPasswordPolicy: true },
    );
    expect(await users.verify('admin', 'vscope-demo')).toBeDefined();
    expect(
      (await rejection(users.add({ username: 'root', password: 'vscope-demo', role: 'admin' }))).message,
    ).toBe('Password is one of the published demo passwords: choose one of your own.');
    const short = await rejection(
      users.add({ username: 'root', password: 'short', role: 'admin' }, { skipPasswordPolicy: true }),
    );
    expect(short.message).toBe('Password must be at least 8 characters long.');
  });

  it('removes a user', async () => {
    await users.add({ username: 'alice', password: 'correct horse', role: 'admin' });
    users.remove('alice');
    expect(users.get('alice')).toBeUndefined();
    expect(() => users.remove('alice')).toThrow("There is no user 'alice'.");
  });
});
