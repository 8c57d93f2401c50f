import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CapacityResource } from './capacity-resources';
import { openMeteringBackend, type MeteringBackend } from './metering-backend';

const silent = pino({ level: 'silent' });
import { ResourceSync, scopeKey, type Observation } from './resource-sync';

let backend: MeteringBackend;
beforeEach(async () => {
  backend = await openMeteringBackend({ metering: { kind: 'embedded' }, dataDir: ':memory:' }, silent);
});
afterEach(() => backend.close());

const T0 = Date.UTC(2026, 10, 1);
const hostOf = (id: string, name: string, state: string): CapacityResource => ({
  type: 'host',
  id,
  attributes: {
    name,
    service: 'pcc-a',
    datacenter: 'dc1',
    datacenter_id: 1,
    cluster: null,
    profile: 'L',
    state,
    connection_state: 'connected',
  },
});
const A = '11111111-1111-5111-8111-111111111111';
const B = '22222222-2222-5222-8222-222222222222';

function observed(at: number, resources: CapacityResource[], fresh = true): Observation {
  return {
    resources: resources.map((r) => ({ ...r, seenAt: at })),
    freshScopes: new Map(fresh ? [[scopeKey('host', 'pcc-a', 1), at]] : []),
    serviceNames: ['pcc-a'],
  };
}

async function history(id: string): Promise<Record<string, unknown>[]> {
  const answer = await backend.writer.transport.request('GET', `/v1/resource/host/${id}/history`);
  return JSON.parse(answer.text) as Record<string, unknown>[];
}

describe('ResourceSync', () => {
  it('ends what left a fresh list, at the time the list was read, and revives it when it comes back', async () => {
    const sync = new ResourceSync(backend.writer);
    expect(
      await sync.apply(observed(T0, [hostOf(A, 'h-a', 'delivered'), hostOf(B, 'h-b', 'delivered')])),
    ).toEqual({
      created: 2,
      patched: 0,
      ended: 0,
    });
    // A list that could not be read ends nothing.
    expect(await sync.apply(observed(T0 + 60_000, [hostOf(A, 'h-a', 'delivered')], false))).toMatchObject({
      ended: 0,
    });
    expect(await sync.apply(observed(T0 + 120_000, [hostOf(A, 'h-a', 'delivered')]))).toEqual({
      created: 0,
      patched: 0,
      ended: 1,
    });
    expect((await history(B)).at(-1)).toMatchObject({ ended_at: '2026-11-01T00:02:00+00:00' });
    // Ended once: the next pass does not end it again.
    expect(await sync.apply(observed(T0 + 180_000, [hostOf(A, 'h-a', 'delivered')]))).toMatchObject({
      ended: 0,
    });

    expect(
      await sync.apply(observed(T0 + 240_000, [hostOf(A, 'h-a', 'delivered'), hostOf(B, 'h-b', 'error')])),
    ).toEqual({ created: 0, patched: 1, ended: 0 });
    expect((await history(B)).map((r) => [r.state, r.ended_at])).toEqual([
      ['delivered', null],
      ['delivered', '2026-11-01T00:02:00+00:00'],
      ['error', null],
    ]);
  });

  it('leaves out what the inventory does not know, and keeps the last known value when a field turns unknown', async () => {
    const sync = new ResourceSync(backend.writer);
    await sync.apply(observed(T0, [{ ...hostOf(A, 'h-a', 'delivered') }]));
    const unknownProfile = hostOf(A, 'h-a', 'delivered');
    expect(
      await sync.apply(
        observed(T0 + 1, [
          { ...unknownProfile, attributes: { ...unknownProfile.attributes, profile: null } },
        ]),
      ),
    ).toMatchObject({
      patched: 0,
    });
    const [only] = await history(A);
    expect(only).toMatchObject({ cluster: null, profile: 'L' });
  });

  it('after a restart, finds the resources by search and PATCHes only what changed meanwhile', async () => {
    await new ResourceSync(backend.writer).apply(
      observed(T0, [hostOf(A, 'h-a', 'delivered'), hostOf(B, 'h-b', 'delivered')]),
    );
    const restarted = new ResourceSync(backend.writer);
    expect(
      await restarted.apply(
        observed(T0 + 1, [hostOf(A, 'h-a', 'delivered'), hostOf(B, 'h-b2', 'delivered')]),
      ),
    ).toEqual({
      created: 0,
      patched: 1,
      ended: 0,
    });
    expect(restarted.has(A) && restarted.has(B)).toBe(true);
  });
});
