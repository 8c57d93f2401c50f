import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// A point acknowledged by /api/put must survive `kill -9` of the CLI started with --data.

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function startCli(dataDir: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /tsdb listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve({ child, base: match[1] });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`tsdb exited with ${code}: ${output}`)));
  });
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('tsdb CLI with --data', () => {
  it('loses no acknowledged point when killed with SIGKILL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsdb-kill-'));
    dirs.push(dir);
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
