import { execFile, execFileSync } from 'node:child_process';

// Debian's `gnocchi` command line (python3-gnocchiclient), for the tests that drive an API as an operator
// would: the engine's own server, and the dashboard's /metering mount.

/** Whether the command is installed; when it is not, says on stderr that `test` is skipped and how to install it. */
export function gnocchiCliInstalled(test: string): boolean {
  try {
    execFileSync('gnocchi', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    process.stderr.write(
      `${test}: skipped, the \`gnocchi\` command is not installed (apt-get install python3-gnocchiclient)\n`,
    );
    return false;
  }
}

/** Runs `gnocchi` with these arguments: its output read as JSON (undefined when it prints nothing). */
export function runGnocchiCli(args: readonly string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile('gnocchi', args, { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`gnocchi ${args.join(' ')}: ${stderr || error.message}`));
      else resolve(stdout.trim() === '' ? undefined : (JSON.parse(stdout) as unknown));
    });
  });
}
