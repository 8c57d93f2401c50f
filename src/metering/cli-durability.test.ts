import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliChildren } from '../tsdb/testing/cli-child';

// What the metering CLI acknowledged with --data (resources, their revisions, metrics, measures) must survive
// `kill -9`.

const {
  dataDir,
  start: startCli,
  killHard,
} = cliChildren(fileURLToPath(new URL('./cli.ts', import.meta.url)), 'metering');
const AUTH = { authorization: `Basic ${Buffer.from('admin:').toString('base64')}` };

async function call(base: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: { ...AUTH, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe('metering CLI with --data', () => {
  it('loses nothing acknowledged when killed with SIGKILL', async () => {
    const dir = dataDir();
    const first = await startCli(dir);
    expect(
      (await call(first.base, 'POST', '/v1/resource/generic', { id: 'vm-1', metrics: { cpu: {} } })).status,
    ).toBe(201);
    expect((await call(first.base, 'PATCH', '/v1/resource/generic/vm-1', { user_id: 'u2' })).status).toBe(
      200,
    );
    const t0 = Date.UTC(2026, 0, 1) / 1000;
    for (let batch = 0; batch < 10; batch++) {
      const measures = Array.from({ length: 30 }, (_, i) => ({
        timestamp: t0 + (batch * 30 + i) * 60,
        value: i,
      }));
      expect(
        (await call(first.base, 'POST', '/v1/resource/generic/vm-1/metric/cpu/measures', measures)).status,
      ).toBe(202);
    }
    const read = await call(first.base, 'GET', '/v1/resource/generic/vm-1/metric/cpu/measures');
    const before = (await read.json()) as unknown[];
    await killHard(first.child);

    const second = await startCli(dir);
    expect(
      await (await call(second.base, 'GET', '/v1/resource/generic/vm-1/metric/cpu/measures')).json(),
    ).toEqual(before);
    expect(before.length).toBe(60);
    const history = (await (
      await call(second.base, 'GET', '/v1/resource/generic/vm-1/history')
    ).json()) as unknown[];
    expect(history).toMatchObject([{ user_id: null }, { user_id: 'u2' }]);
    await killHard(second.child);
  }, 60_000);
});
