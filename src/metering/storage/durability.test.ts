import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { BATCH, CHILD_POLICY, T0 } from './durability-child';
import { openMeasureStore } from './measure-store';

// A batch acknowledged by addMeasuresBatch must survive `kill -9` of the process that wrote it.

const CHILD = fileURLToPath(new URL('./durability-child.ts', import.meta.url));
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Starts the writer, waits for `acks` acknowledgements, kills it with SIGKILL; the last ack seen. */
function writeThenKill(dataDir: string, acks: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    let lastAck = -1;
    let killing = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (const match of output.matchAll(/ack (\d+)\n/g)) lastAck = Math.max(lastAck, Number(match[1]));
      if (lastAck + 1 >= acks && !killing) {
        killing = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(lastAck);
      else reject(new Error(`writer exited by itself: ${output}`));
    });
  });
}

describe('the SQLite measure store', () => {
  it('loses no acknowledged measure when its process is killed with SIGKILL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metering-kill-'));
    dirs.push(dir);
    const lastAck = await writeThenKill(dir, 40);
    expect(lastAck).toBeGreaterThanOrEqual(39);
    const store = openMeasureStore({ dataDir: dir });
    const counts = store.read('durable', 'count', CHILD_POLICY.definition[0]?.granularityUs ?? 0);
    // Every acknowledged batch is there, in order and whole; a batch in flight is there whole or not at all.
    const acknowledged = (lastAck + 1) * BATCH;
    expect(counts.timestamps.length).toBeGreaterThanOrEqual(acknowledged);
    expect(counts.timestamps.length % BATCH).toBe(0);
    expect(counts.timestamps[0]).toBe(T0);
    expect(counts.timestamps[acknowledged - 1]).toBe(T0 + (acknowledged - 1) * 1_000_000);
    store.close();
  }, 60_000);
});
