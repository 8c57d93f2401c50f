import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));

function run(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

describe('npm run simulate', () => {
  it('starts on the given port, prints its services (the guest endpoint too) and demo credentials, and serves the OVH API', async () => {
    const { child, exited, output } = run(['--port', '0', '--vms', '50', '--no-batch']);
    try {
      const address = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no address printed: ${JSON.stringify(output())}`)),
          15_000,
        );
        child.stdout.on('data', () => {
          const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(output().stdout);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      expect(output().stdout).toContain('application key demo-ak');
      expect(output().stdout).toContain('admin / vscope-demo');
      expect(output().stdout).toContain(
        '/guest/wsgi_app.py   (user vscope / guest-demo, agent key 11111111)',
      );
      const time = await fetch(`${address}/ovh/1.0/auth/time`);
      expect(Number(await time.text())).toBeGreaterThan(1_700_000_000);
      const state = (await (await fetch(`${address}/_admin/state`)).json()) as { batch: boolean };
      expect(state.batch).toBe(false);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it.each([
    [['--vms', 'many'], /--vms must be an integer/],
    [['--error-rate', '3'], /--error-rate must be a number from 0 to 1/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('rejects %j with a clear message and exit code 2', async (args, message) => {
    const { exited, output } = run(args);
    expect(await exited).toBe(2);
    expect(output().stderr).toMatch(message);
    expect(output().stderr).toContain('Usage: npm run simulate');
  });
});
