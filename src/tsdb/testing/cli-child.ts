import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

// The engines' durability tests run their CLI as a child process, kill it with SIGKILL after an acknowledged
// write, and start it again on the same data directory. Registered once per test file: every child is killed
// and every data directory removed after each test, whatever the test did.

export interface CliChildren {
  /** A fresh data directory, removed after the test. */
  dataDir: () => string;
  /** Starts the CLI on a free loopback port with `--data dir`, once it prints "<name> listening on <url>". */
  start: (dir: string) => Promise<{ child: ChildProcess; base: string }>;
  /** SIGKILL, resolved when the process is gone. */
  killHard: (child: ChildProcess) => Promise<void>;
}

export function cliChildren(cliPath: string, name: string): CliChildren {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const listening = new RegExp(`${name} listening on (http://127\\.0\\.0\\.1:\\d+)`);
  return {
    dataDir: () => {
      const dir = mkdtempSync(join(tmpdir(), `${name}-kill-`));
      dirs.push(dir);
      return dir;
    },
    start: (dir) => {
      const child = spawn(process.execPath, ['--import', 'tsx', cliPath, '--port', '0', '--data', dir], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      return new Promise((resolve, reject) => {
        let output = '';
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const match = listening.exec(output);
          if (match?.[1]) resolve({ child, base: match[1] });
        };
        child.stdout?.on('data', onData);
        child.stderr?.on('data', onData);
        child.once('exit', (code) => reject(new Error(`${name} exited with ${code}: ${output}`)));
      });
    },
    killHard: (child) =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
