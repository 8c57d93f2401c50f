import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliChildren } from './testing/cli-child';

// A point acknowledged by /api/put must survive `kill -9` of the CLI started with --data.

const {
  dataDir,
  start: startCli,
  killHard,
} = cliChildren(fileURLToPath(new URL('./cli.ts', import.meta.url)), 'tsdb');

describe('tsdb CLI with --data', () => {
  it('loses no acknowledged point when killed with SIGKILL', async () => {
    const dir = dataDir();
    const first = await startCli(dir);
    const t0 = 1_700_000_000;
    for (let batch = 0; batch < 20; batch++) {
      const points = Array.from({ length: 50 }, (_, i) => ({
        metric: 'vscope.host.cpu.usage.perc',
        timestamp: t0 + (batch * 50 + i) * 60,
        value: batch * 50 + i,
        tags: { host: '10.0.0.1' },
      }));
      const put = await fetch(`${first.base}/api/put`, { method: 'POST', body: JSON.stringify(points) });
      expect(put.status).toBe(204);
    }
    await killHard(first.child);

    const second = await startCli(dir);
    const response = await fetch(`${second.base}/api/query`, {
      method: 'POST',
      body: JSON.stringify({
        start: t0,
        end: t0 + 1000 * 60,
        queries: [{ metric: 'vscope.host.cpu.usage.perc', aggregator: 'sum' }],
      }),
    });
    const [result] = (await response.json()) as { dps: Record<string, number> }[];
    expect(Object.keys(result?.dps ?? {})).toHaveLength(1000);
    expect(result?.dps[String(t0 + 999 * 60)]).toBe(999);
    await killHard(second.child);
  });
});
