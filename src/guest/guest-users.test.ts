import { describe, expect, it } from 'vitest';
import { GuestUsers } from './guest-users';

describe('GuestUsers', () => {
  it('opens a uuid session for the right password only', async () => {
    const users = new GuestUsers();
    await users.addUser('admin', '123456');
    const session = await users.login('admin', '123456');
    expect(session).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(users.sessionValid(session ?? '')).toBe(true);
    expect(await users.login('admin', '1234567')).toBeNull();
    expect(await users.login('nobody', '123456')).toBeNull();
    expect(users.sessionValid('9afdb1ec-d396-4ba3-af7a-1e38fd8751ca')).toBe(false);
  });

  it('gives each login its own session and lets sessions expire', async () => {
    let now = 1_000;
    const users = new GuestUsers({ sessionTtlMs: 60_000, now: () => now });
    await users.addUser('admin', 'secret');
    const first = (await users.login('admin', 'secret')) ?? '';
    now += 30_000;
    const second = (await users.login('admin', 'secret')) ?? '';
    expect(second).not.toBe(first);
    now += 30_000;
    expect(users.sessionValid(first)).toBe(false);
    expect(users.sessionValid(second)).toBe(true);
    now += 30_000;
    expect(users.sessionValid(second)).toBe(false);
  });

  it('compares passwords after Unicode normalisation', async () => {
    const users = new GuestUsers();
    await users.addUser('admin', 'caf\u00e9');
    expect(await users.login('admin', 'cafe\u0301')).not.toBeNull();
  });
});
