import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { ApiTokenStore } from './api-token-store';

function store() {
  const clock = { now: 1_000_000 };
  return { clock, tokens: new ApiTokenStore(openDatabase(':memory:'), { now: () => clock.now }) };
}

const NEW = { name: 'Reports', scope: [{ serviceName: 'pcc-1', datacenterId: 1 }], createdBy: 'alice' };

describe('ApiTokenStore', () => {
  it('finds a live token by its secret and records its last use about once a minute', () => {
    const { clock, tokens } = store();
    const { token, secret } = tokens.create(NEW);
    expect(token.lastUsedAt).toBeNull();
    expect(tokens.use(secret)).toEqual({ ...token, lastUsedAt: clock.now });
    const first = clock.now;
    clock.now += 30_000;
    expect(tokens.use(secret)?.lastUsedAt).toBe(first);
    clock.now += 30_000;
    expect(tokens.use(secret)?.lastUsedAt).toBe(clock.now);
    expect(tokens.get(token.id)?.lastUsedAt).toBe(clock.now);
  });

  it('refuses a revoked token, another token’s secret with one character changed, and junk', () => {
    const { tokens } = store();
    const { token, secret } = tokens.create(NEW);
    const other = tokens.create({ ...NEW, name: 'Other' });
    const altered = (secret[0] === 'A' ? 'B' : 'A') + secret.slice(1);
    for (const wrong of [altered, '', 'x', `${secret} `, secret.toUpperCase()]) {
      expect(tokens.use(wrong)).toBeUndefined();
    }
    tokens.revoke(token.id);
    expect(tokens.use(secret)).toBeUndefined();
    expect(tokens.use(other.secret)?.id).toBe(other.token.id);
  });
});
