import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GnocchiClient, GnocchiRequestError } from './gnocchi-client';
import { httpTransport } from './gnocchi-transport';
import { openMeteringBackend, type MeteringBackend } from './metering-backend';

const silent = pino({ level: 'silent' });

let backend: MeteringBackend;
beforeAll(async () => {
  backend = await openMeteringBackend({ metering: { kind: 'embedded' }, dataDir: ':memory:' }, silent);
});
afterAll(() => backend.close());

describe('GnocchiClient', () => {
  it("fails with Gnocchi's own description", async () => {
    const error = await backend.writer.createResource('nope', { id: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GnocchiRequestError);
    expect(error).toMatchObject({ status: 404, description: 'Resource type nope does not exist' });
    expect((error as Error).message).toBe(
      'the embedded metering engine: POST /v1/resource/nope answered 404: Resource type nope does not exist',
    );
  });

  it('ensures the policy and a resource type twice without failing, and finds what it created', async () => {
    const policy = {
      name: 'p',
      back_window: 0,
      definition: [{ granularity: 60, timespan: 3600 }],
      aggregation_methods: ['mean'],
    };
    await backend.writer.ensureArchivePolicy(policy);
    await backend.writer.ensureArchivePolicy(policy);
    await backend.writer.ensureResourceType('thing', { name: 'string', size: 'number' });
    await backend.writer.ensureResourceType('thing', { name: 'string', size: 'number' });
    await backend.writer.createResource('thing', {
      id: '33333333-3333-5333-8333-333333333333',
      name: 'a',
      size: 2,
    });
    const found = await backend.writer.searchResources('thing', { '=': { name: 'a' } });
    expect(found.map((r) => [r.id, r.size])).toEqual([['33333333-3333-5333-8333-333333333333', 2]]);
  });

  it('sends a token as X-Auth-Token, basic credentials as Authorization, and says when it cannot connect', async () => {
    const seen: Headers[] = [];
    const fetchStub: typeof fetch = (_url, init) => {
      seen.push(new Headers(init?.headers));
      return Promise.resolve(new Response('[]', { status: 200 }));
    };
    const url = 'http://gnocchi.invalid:8041/';
    await new GnocchiClient(
      httpTransport({ url, auth: { kind: 'token', token: 't0k' }, fetch: fetchStub }),
    ).searchResources('vm', {});
    await new GnocchiClient(
      httpTransport({ url, auth: { kind: 'basic', user: 'vscope', password: 'pw' }, fetch: fetchStub }),
    ).searchResources('vm', {});
    expect(seen[0]!.get('x-auth-token')).toBe('t0k');
    expect(seen[0]!.get('authorization')).toBeNull();
    expect(seen[1]!.get('authorization')).toBe(`Basic ${Buffer.from('vscope:pw').toString('base64')}`);

    const refused: typeof fetch = () => Promise.reject(new TypeError('fetch failed'));
    const down = new GnocchiClient(
      httpTransport({ url, auth: { kind: 'token', token: 'secret' }, fetch: refused }),
    );
    const error = await down.addMeasures({}).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, publicReason: 'the metering engine cannot be reached' });
    expect((error as Error).message).toMatch(
      /^Gnocchi at http:\/\/gnocchi\.invalid:8041: POST \/v1\/batch\/resources\/metrics\/measures answered 0/,
    );
    expect((error as Error).message).not.toContain('secret');
  });
});
